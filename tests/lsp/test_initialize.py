"""initialize: each client gets the position encoding it prefers."""

from lsprotocol import types
from pytest_lsp import LanguageClient


async def test_the_encoding_is_the_clients_choice(client: LanguageClient):
    result = client.init_result
    assert result.capabilities.position_encoding == types.PositionEncodingKind(client.encoding)
    assert result.server_info.name == "provlint"


async def test_the_server_offers_hover_definition_and_quick_fixes(client: LanguageClient):
    caps = client.init_result.capabilities
    assert caps.hover_provider and caps.definition_provider
    assert list(caps.code_action_provider.code_action_kinds) == [types.CodeActionKind.QuickFix]
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
