"""A large draft is checked off the message loop: requests about another
draft are answered meanwhile, and a result for a superseded version of the
large draft is dropped."""

import time

from conftest import DRAFT, change, diagnostics, open_draft, position
from lsprotocol import types
from pytest_lsp import LanguageClient

# About 200 KB and 1,600 quotations: seconds to check in a debug build.
LARGE = "# A long draft\n\n" + DRAFT.split("\n", 2)[2] * 400


async def test_a_large_draft_does_not_hold_up_the_server(vscode: LanguageClient, tmp_path):
    client = vscode
    large = open_draft(client, tmp_path / "large.md", LARGE)
    # Typed into while its first version is being checked.
    change(client, large, 2, [types.TextDocumentContentChangeWholeDocument(text=LARGE + "\nThe end.\n")])

    small = open_draft(client, tmp_path / "small.md", DRAFT)
    started = time.monotonic()
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=small),
            position=position(DRAFT, DRAFT.index("Army"), client.encoding),
        )
    )
    answered = time.monotonic() - started
    print(f"hover in the small draft answered in {answered:.3f}s while the large one was checked")
    assert "[-Air Force-]{+Army+}" in hover.contents.value
    assert large not in client.published, f"the hover took {answered:.2f}s"

    assert len(await diagnostics(client, large, 2, timeout=300)) == 2 * 400
    print(f"the large draft's diagnostics came {time.monotonic() - started:.2f}s after the hover was asked")
    # The first version's result came too late and was dropped.
    assert [p.version for p in client.published[large]] == [2]
