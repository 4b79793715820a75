-- Drives the bundled language server from a headless Neovim (0.7 or later): opens the file
-- named by DSG_FILE, waits for its diagnostics, asks for a hover on DSG_HOVER_LINE, writes
-- what it received as JSON to DSG_OUT and quits. The `dockerSocketGuard` settings come from
-- DSG_SETTINGS (JSON); Neovim 0.7 does not announce workspace/configuration, so they travel in
-- initializationOptions.settings, the server's path for such clients.

local server = assert(os.getenv('DSG_SERVER'), 'DSG_SERVER is not set')
local node = assert(os.getenv('DSG_NODE'), 'DSG_NODE is not set')
local file = assert(os.getenv('DSG_FILE'), 'DSG_FILE is not set')
local out = assert(os.getenv('DSG_OUT'), 'DSG_OUT is not set')
local settings = vim.fn.json_decode(os.getenv('DSG_SETTINGS') or '{}')
local hover_line = tonumber(os.getenv('DSG_HOVER_LINE') or '0')
local hover_character = tonumber(os.getenv('DSG_HOVER_CHARACTER') or '0')

local function collect(bufnr)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      source = d.source,
      code = lsp.code,
      href = (lsp.codeDescription or {}).href,
    })
  end
  table.sort(diagnostics, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return diagnostics
end

local function hover_text(bufnr)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = hover_line, character = hover_character },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000) or {}
  for _, response in pairs(responses) do
    if response.result and response.result.contents then
      return response.result.contents.value
    end
  end
  return vim.NIL
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'docker-socket-guard',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    init_options = { debounceMs = 0, settings = settings },
  })
  assert(client_id, 'the language server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- vim.wait processes events (the server's notifications) while it polls the condition.
  local received = vim.wait(20000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)

  local result = {
    received = received,
    diagnostics = collect(bufnr),
    hover = hover_text(bufnr),
  }
  vim.lsp.stop_client(client_id)
  return result
end

local ok, result = pcall(run)
if not ok then
  result = { error = tostring(result) }
end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.cmd('qa!')
