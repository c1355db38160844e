-- A second, independent LSP client: headless Neovim (0.7+) runs netpol-language-server over stdio and checks
-- diagnostics, hover and a quick fix applied and saved. The client is started by the README's own Neovim snippet
-- (NP_SNIPPET, extracted from README.md by run.js, with netpol-language-server on PATH): this file only opens the policy
-- and drives the client that snippet attached. Prints one JSON line per step; exits 0 when all passed.
-- Environment: NP_SNIPPET (the README's snippet), NP_FILE (a copy of fixtures/workspace/policy.yaml),
-- NP_CODE (the rule id expected), NP_HOVER_ON / NP_HOVER_EXPECT (text to hover, Lua pattern expected in the hover),
-- NP_FIX_TITLE / NP_FIX_EXPECT (plain text in the quick fix's title / in the saved file).
local function env(name)
  local value = os.getenv(name)
  assert(value, name .. ' not set')
  return value
end
local snippet = env('NP_SNIPPET')
local file = vim.fn.fnamemodify(env('NP_FILE'), ':p')
local code = env('NP_CODE')
local timeout = tonumber(os.getenv('NP_TIMEOUT_MS') or '10000')
local failed = false

local function emit(step, ok, data)
  if not ok then failed = true end
  io.stdout:write(vim.fn.json_encode({ step = step, ok = ok, data = data }) .. '\n')
end

local ok, err = pcall(function()
  local latest = nil
  -- Records what the server publishes, around the default handler (which the snippet's client uses).
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, result, ctx, cfg)
    default_publish(e, result, ctx, cfg)
    latest = result
  end
  vim.cmd('luafile ' .. vim.fn.fnameescape(snippet))
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  -- The FileType autocmd of the snippet starts the client and attaches it to this buffer.
  vim.bo[bufnr].filetype = 'yaml'
  local client_id
  vim.wait(timeout, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'netpol' then client_id = c.id end
    end
    return client_id ~= nil
  end, 20)
  emit('start', client_id ~= nil, { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch })
  if not client_id then return end
  local uri = vim.uri_from_bufnr(bufnr)
  local function ours()
    local found = {}
    for _, d in ipairs(latest and latest.diagnostics or {}) do
      if d.code == code then table.insert(found, d) end
    end
    return found
  end

  vim.wait(timeout, function() return #ours() > 0 end, 20)
  local diags = ours()
  emit('diagnostics', #diags > 0, latest and latest.diagnostics or 'none received')

  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local hover_on = env('NP_HOVER_ON')
  local pos
  for i, l in ipairs(lines) do
    local col = l:find(hover_on, 1, true)
    if col then pos = { line = i - 1, character = col } break end
  end
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = pos }, timeout)
  local res = hover and hover[client_id] and hover[client_id].result
  local text = res and res.contents and (res.contents.value or vim.fn.json_encode(res.contents)) or ''
  emit('hover', text:find(env('NP_HOVER_EXPECT')) ~= nil, text:sub(1, 300))

  if #diags == 0 then return end
  local d = diags[1]
  local ca = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction',
    { textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d } } }, timeout)
  local actions = ca and ca[client_id] and ca[client_id].result or {}
  local fix
  for _, a in ipairs(actions) do
    if a.title:find(env('NP_FIX_TITLE'), 1, true) and a.edit then fix = a break end
  end
  emit('codeAction', fix ~= nil, vim.tbl_map(function(a) return a.title end, actions))
  if not fix then return end
  latest = nil
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  vim.cmd('silent write')
  local saved = table.concat(vim.fn.readfile(file), '\n')
  emit('applied', saved:find(env('NP_FIX_EXPECT'), 1, true) ~= nil, saved)
  vim.wait(timeout, function() return latest ~= nil end, 20)
  emit('diagnosticGone', latest ~= nil and #ours() == 0, latest and latest.diagnostics or 'none received')
  vim.lsp.stop_client(client_id)
end)
if not ok then emit('error', false, tostring(err)) end
vim.cmd(failed and 'cquit 1' or 'qall!')
