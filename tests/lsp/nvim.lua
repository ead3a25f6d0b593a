-- Headless Neovim with `provlint lsp` attached, as a writer would have it:
-- open a draft, wait for the diagnostics, type, apply a code action, hover.
-- Writes what it saw, as JSON, to $PROVLINT_OUT, then quits.
--
-- Run: PROVLINT_BIN=... PROVLINT_ROOT=... PROVLINT_DRAFT=... PROVLINT_OUT=... \
--        nvim --headless --clean -c 'luafile tests/lsp/nvim.lua'

local env = vim.env
local seen = {}

local function start_server()
  local config = { name = "provlint", cmd = { env.PROVLINT_BIN, "lsp" }, root_dir = env.PROVLINT_ROOT }
  if vim.lsp.start then -- Neovim 0.8 and later
    return vim.lsp.start(config)
  end
  local id = vim.lsp.start_client(config) -- Neovim 0.7 (Debian 12)
  vim.lsp.buf_attach_client(0, id)
  return id
end

local function wait(what, check)
  if not vim.wait(60000, check, 50) then
    error("timed out waiting for " .. what)
  end
end

local function diagnostics(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      code = d.code or lsp.code, message = d.message,
    })
  end
  table.sort(out, function(a, b) return a.lnum < b.lnum end)
  return out
end

local function main()
  vim.cmd("edit " .. vim.fn.fnameescape(env.PROVLINT_DRAFT))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.get_client_by_id(start_server())
  seen.encoding = client.offset_encoding

  wait("diagnostics on open", function() return #vim.diagnostic.get(buf) == 2 end)
  seen.opened = diagnostics(buf)

  -- Type an astral character at the start of the misquotation's line.
  vim.api.nvim_buf_set_text(buf, 2, 0, 2, 0, { "𝄞 " })
  wait("diagnostics after typing", function()
    local d = diagnostics(buf)
    return #d == 2 and d[1].col ~= seen.opened[1].col
  end)
  seen.typed = diagnostics(buf)

  -- Ask for the code actions on the first finding and apply the fix.
  local d = seen.typed[1]
  local params = vim.lsp.util.make_given_range_params(
    { d.lnum + 1, d.col }, { d.end_lnum + 1, d.end_col }, buf, client.offset_encoding)
  params.context = { diagnostics = {} }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 30000)
  seen.actions = {}
  local fix
  for _, answer in pairs(answers or {}) do
    for _, action in ipairs(answer.result or {}) do
      table.insert(seen.actions, action.title)
      fix = fix or (action.title:find("^Use the exact words") and action)
    end
  end
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  wait("diagnostics after the fix", function() return #vim.diagnostic.get(buf) == 1 end)
  seen.fixed_line = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  seen.fixed = diagnostics(buf)

  -- Hover over the other misquotation.
  local line = vim.api.nvim_buf_get_lines(buf, 6, 7, false)[1]
  local col = line:find("disciples", 1, true) - 1
  vim.api.nvim_win_set_cursor(0, { 7, col })
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover",
    vim.lsp.util.make_position_params(0, client.offset_encoding), 30000)
  for _, answer in pairs(hover or {}) do
    seen.hover = answer.result and answer.result.contents.value
  end
end

local ok, err = pcall(main)
if not ok then
  seen.error = tostring(err)
end
vim.fn.writefile({ vim.fn.json_encode(seen) }, env.PROVLINT_OUT)
vim.cmd("qall!")
