"""Hover shows the evidence; go to definition opens the source at the passage."""

from conftest import DRAFT, FLAKIN, ROOT, WSWS, diagnostics, index, open_draft, position
from lsprotocol import types
from pytest_lsp import LanguageClient


async def hover(client: LanguageClient, uri: str, text: str, needle: str):
    return await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position(text, text.index(needle), client.encoding),
        )
    )


async def definition(client: LanguageClient, uri: str, text: str, needle: str):
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position(text, text.index(needle), client.encoding),
        )
    )
    return found if isinstance(found, list) else [found]


def text_at(location: types.Location, encoding: str) -> str:
    """The words of a file at `location`, white space collapsed."""
    path = location.uri.removeprefix("file://")
    text = open(path, encoding="utf-8").read()
    a, b = index(text, location.range.start, encoding), index(text, location.range.end, encoding)
    return " ".join(text[a:b].split())


async def test_hover_over_a_misquotation(client: LanguageClient, tmp_path):
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    flakin, _ = await diagnostics(client, uri, 1)
    h = await hover(client, uri, DRAFT, "Army")
    text = h.contents.value
    assert h.range == flakin.range
    assert "[-Air Force-]{+Army+}" in text
    # The source passage, its title, author and date.
    assert "> the Chilean Air Force began bombing La Moneda" in text
    assert "September 11 in Chile" in text
    assert "Nathaniel Flakin" in text and "2019-09-11" in text


async def test_hover_over_a_verified_quotation(client: LanguageClient, tmp_path):
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    await diagnostics(client, uri, 1)
    text = (await hover(client, uri, DRAFT, "economy")).contents.value
    assert text.startswith("**verified**: found verbatim in")
    assert "> to make the economy scream" in text


async def test_go_to_definition_opens_the_source_at_the_passage(client: LanguageClient, tmp_path):
    enc = client.encoding
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    await diagnostics(client, uri, 1)

    [loc] = await definition(client, uri, DRAFT, "Army")
    assert loc.uri == FLAKIN.as_uri()
    assert loc.range.start == types.Position(line=11, character=46)
    assert text_at(loc, enc) == (
        "the Chilean Air Force began bombing La Moneda, the presidential palace in the center of Santiago"
    )
    # After curly quotation marks on the source's line, over a blank line.
    [loc] = await definition(client, uri, DRAFT, "disciples")
    assert loc.uri == WSWS.as_uri()
    assert text_at(loc, enc) == (
        "Friedman-trained acolytes from the University of Chicago who were sent to Chile"
    )


async def test_a_citation_key_leads_to_its_source(client: LanguageClient, tmp_path):
    text = "As the Fourth International put it [@fi-1973], the coup came.\n"
    uri = open_draft(client, tmp_path / "cited.md", text)
    await diagnostics(client, uri, 1)
    [loc] = await definition(client, uri, text, "fi-1973")
    assert loc.uri == (ROOT / "corpus" / "003_b259be250d880f71.txt").as_uri()
    assert "The coup in Chile" in (await hover(client, uri, text, "fi-1973")).contents.value
