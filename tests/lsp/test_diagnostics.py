"""Diagnostics on open and on change, with exact ranges in each encoding."""

import pathlib

from conftest import DRAFT, WSWS, change, diagnostics, open_draft, range_of, units
from lsprotocol import types
from pytest_lsp import LanguageClient

FLAKIN_QUOTE = "the Chilean Army began bombing La Moneda, the presidential palace in the center of Santiago."
WSWS_QUOTE = "Friedman-trained disciples from the University of Chicago who were sent to Chile"

# Where each quotation starts (0-based line, character in each encoding):
# after `Víctor dijo «Enríquez» 𝄞 that "` and `The “Chicago boys” were «`.
FLAKIN_START = {"utf-8": 38, "utf-16": 32, "utf-32": 31}
WSWS_START = {"utf-8": 30, "utf-16": 25, "utf-32": 25}


def at(line, start, length):
    return types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line, character=start + length),
    )


async def test_diagnostics_on_open(client: LanguageClient, tmp_path: pathlib.Path):
    enc = client.encoding
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    flakin, wsws = await diagnostics(client, uri, 1)

    assert flakin.code == "quote::mismatch"
    assert flakin.severity == types.DiagnosticSeverity.Error
    assert flakin.source == "provlint"
    assert flakin.range == at(2, FLAKIN_START[enc], len(FLAKIN_QUOTE))
    # The message names the source, and the diff, for clients that show
    # nothing else (Emacs).
    assert flakin.message.startswith("quotation does not match flakin-2019 verbatim")
    assert "[-Air Force-]{+Army+}" in flakin.message

    assert wsws.range == at(6, WSWS_START[enc], len(WSWS_QUOTE))


async def test_related_information_points_into_the_corpus(client: LanguageClient, tmp_path):
    enc = client.encoding
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    _, wsws = await diagnostics(client, uri, 1)
    if not client.capabilities.text_document.publish_diagnostics.related_information:
        # Emacs: the message says where the passage is instead.
        assert wsws.related_information is None
        assert "002_e8df7b74b7771cac.txt:77:27" in wsws.message
        return
    [related] = wsws.related_information
    assert related.location.uri == WSWS.as_uri()
    # Line 77 of the source starts `so-called “Chicago boys,” ` before the
    # passage, and the passage runs over a blank line to `sent to Chile`.
    start = units("so-called “Chicago boys,” ", enc)
    assert related.location.range == types.Range(
        start=types.Position(line=76, character=start),
        end=types.Position(line=78, character=len("were sent to Chile")),
    )
    assert "World Socialist Web Site" in related.message
    assert "2023-09-16" in related.message


async def test_the_code_links_to_the_rules_explanation(client: LanguageClient, tmp_path):
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    flakin, _ = await diagnostics(client, uri, 1)
    if not client.capabilities.text_document.publish_diagnostics.code_description_support:
        assert flakin.code_description is None
        return
    href = flakin.code_description.href
    assert href.startswith("file://") and href.endswith("/rules/quote-mismatch.md")
    explanation = pathlib.Path(href.removeprefix("file://")).read_text()
    assert explanation.startswith("# quote::mismatch\n")


async def test_diagnostics_follow_the_unsaved_buffer(client: LanguageClient, tmp_path):
    enc = client.encoding
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    await diagnostics(client, uri, 1)

    # An astral character typed at the start of line 3 moves the finding by
    # its width in this encoding.
    typed = "𝄞 "
    start = types.Position(line=2, character=0)
    change(client, uri, 2, [types.TextDocumentContentChangePartial(
        range=types.Range(start=start, end=start), text=typed)])
    flakin, _ = await diagnostics(client, uri, 2)
    assert flakin.range == at(2, FLAKIN_START[enc] + units(typed, enc), len(FLAKIN_QUOTE))

    # Two quick edits correct both quotations; the first is never checked
    # on its own (changes are debounced).
    lines = DRAFT.split("\n")
    lines[2] = typed + lines[2]
    text = "\n".join(lines)
    fixed = text.replace("Army", "Air Force")
    change(client, uri, 3, [types.TextDocumentContentChangePartial(
        range=range_of(text, "Army", enc), text="Air Force")])
    change(client, uri, 4, [types.TextDocumentContentChangePartial(
        range=range_of(fixed, "disciples", enc), text="acolytes")])
    assert list(await diagnostics(client, uri, 4)) == []
    assert [p.version for p in client.published[uri]] == [1, 2, 4]


async def test_diagnostics_are_cleared_on_close(client: LanguageClient, tmp_path):
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    assert len(await diagnostics(client, uri, 1)) == 2
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list(await diagnostics(client, uri, None)) == []


async def test_an_untitled_buffer_is_checked_too(client: LanguageClient):
    uri = "untitled:Untitled-1"
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=DRAFT)))
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["quote::mismatch"] * 2
