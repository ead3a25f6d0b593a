"""Code actions: a finding's fix and its suppression, applied to the text."""

from conftest import DRAFT, apply, change, diagnostics, open_draft
from lsprotocol import types
from pytest_lsp import LanguageClient


async def actions_for(client: LanguageClient, uri: str, diagnostic: types.Diagnostic):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


def edit_of(action: types.CodeAction, uri: str):
    assert action.kind == types.CodeActionKind.QuickFix
    return action.edit.changes[uri]


async def test_replace_a_misquotation_with_the_sources_words(client: LanguageClient, tmp_path):
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    flakin, wsws = await diagnostics(client, uri, 1)
    actions = await actions_for(client, uri, flakin)
    assert [a.title for a in actions] == [
        "Use the exact words of flakin-2019",
        "Suppress quote::mismatch on this line",
    ]
    [edit] = edit_of(actions[0], uri)
    assert apply(DRAFT, [edit], client.encoding) == DRAFT.replace("Army", "Air Force")

    # Applied as an editor applies it: the finding is gone.
    change(client, uri, 2, [types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)])
    assert list(await diagnostics(client, uri, 2)) == [wsws]


async def test_suppress_a_finding_on_its_line(client: LanguageClient, tmp_path):
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    flakin, _ = await diagnostics(client, uri, 1)
    actions = await actions_for(client, uri, flakin)
    edits = edit_of(actions[-1], uri)
    suppressed = apply(DRAFT, edits, client.encoding)
    # The quotation starts a paragraph: the comment goes on the line above.
    assert suppressed.split("\n")[2] == (
        "<!-- provlint-disable-next-line quote::mismatch -- TODO: say why -->"
    )
    change(client, uri, 2, [types.TextDocumentContentChangeWholeDocument(text=suppressed)])
    # Only the other quotation's finding is left, and the suppression is used.
    [left] = await diagnostics(client, uri, 2)
    assert "wsws-2023" in left.message
