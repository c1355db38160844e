// End-to-end test of "NetworkPolicy: Show connectivity" in the real workbench (code-server, the packaged .vsix): open the
// view from the command palette on a fixture workspace, compare the drawn nodes and edges with the engine's JSON
// (`netpol-lint connectivity --format json` on the same folder), edit a policy in the editor and see the graph follow
// without losing the zoom, open an allowing rule from the table, and click an edge on the canvas to see the rules that
// allow it in the details, and open the view twice more to see the same drawing. A screenshot after each step.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { remoteUri, workbenchUrl } = require('../lib/code-server');
const { goToLine, runCommand, runSteps } = require('../lib/workbench');

const STEP_TIMEOUT = 30000;

function engine(extensionPath, folder) {
  const r = spawnSync(process.execPath, [path.join(extensionPath, 'dist', 'cli.js'), 'connectivity', '--format', 'json', folder], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`netpol-lint connectivity failed: ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  return {
    nodes: json.peers.map((p) => p.id).sort(),
    edges: json.connections.map((c) => `${c.src} => ${c.dst} : ${c.conn}`).sort(),
    rules: new Map(json.connections.map((c) => [`${c.src} => ${c.dst}`, c.rules.map((r) => `${r.policy} ${r.direction} rule ${r.index + 1}`)])),
  };
}

/** The webview's page: the frame holding the #state element. */
async function findViewFrame(page) {
  const deadline = Date.now() + STEP_TIMEOUT;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      const has = await f.evaluate(() => Boolean(document.getElementById('state') && document.getElementById('graph'))).catch(() => false);
      if (has) return f;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the connectivity webview did not appear');
}

/** The page's drawn state (its hidden #state element) once `predicate` holds, or the last one after `timeout` ms. */
async function drawnState(page, frame, predicate = () => true, timeout = STEP_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    const text = await frame.evaluate(() => document.getElementById('state').textContent).catch(() => '');
    if (text) {
      last = JSON.parse(text);
      if (predicate(last)) return last;
    }
    await page.waitForTimeout(150);
  }
  return last;
}

/** Runs "NetworkPolicy: Show connectivity" from the command palette; resolves to the time (ms) its Enter was pressed. */
const showConnectivity = (page) => runCommand(page, 'NetworkPolicy: Show connectivity');

async function runConnectivityUi({ browser, url, folder, extensionPath, shots, log = console.log }) {
  fs.mkdirSync(shots, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  page.setDefaultTimeout(STEP_TIMEOUT);
  let n = 0;
  const shot = async (name) => {
    const p = path.join(shots, `connectivity-${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: p }).catch(() => {});
    return path.relative(process.cwd(), p);
  };
  const viewFrame = () => findViewFrame(page);
  const drawn = (frame, predicate) => drawnState(page, frame, predicate);
  const edgesOf = (s) => s.edges.map((e) => `${e.src} => ${e.dst} : ${e.conns}`).sort();
  const editor = () => page.locator('.editor-group-container .monaco-editor').first();
  let frame;
  let before;

  const steps = [
    ['open the workspace', async () => {
      await page.goto(workbenchUrl(url, folder, [['openFile', remoteUri(url, path.join(folder, 'policies.yaml'))]]));
      await page.locator('.tab[data-resource-name="policies.yaml"]').waitFor({ timeout: 60000 });
      await editor().locator('.view-lines').waitFor();
      // The server is up once its CodeLens ("Applies to pods ...") is drawn; the palette only lists the extension's
      // commands once the extension host has registered it, which is later than the editor tab.
      await editor().locator('.codelens-decoration').first().waitFor({ timeout: 60000 });
      return { ok: true, shot: await shot('opened') };
    }],
    ['Show connectivity: nodes and edges equal the engine\'s JSON', async () => {
      const t0 = Date.now();
      await showConnectivity(page);
      frame = await viewFrame();
      before = await drawn(frame, (s) => s.nodes.length > 0);
      const firstRenderMs = Date.now() - t0;
      const expected = engine(extensionPath, folder);
      const missingNodes = expected.nodes.filter((x) => !before.nodes.includes(x));
      const extraNodes = before.nodes.filter((x) => !expected.nodes.includes(x));
      const got = edgesOf(before);
      const missingEdges = expected.edges.filter((x) => !got.includes(x));
      const extraEdges = got.filter((x) => !expected.edges.includes(x));
      const ok = missingNodes.length + extraNodes.length + missingEdges.length + extraEdges.length === 0 && expected.edges.length > 0;
      return { ok, firstRenderMs, nodes: before.nodes.length, edges: got.length, missingNodes, extraNodes, missingEdges, extraEdges, shot: await shot('view') };
    }],
    ['edit a policy: the graph follows, the zoom stays', async () => {
      // Zoom in a little first, so that keeping the zoom is visible.
      const box = await page.locator('.webview').last().boundingBox().catch(() => null);
      if (box) {
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, -300);
      }
      const zoomed = await drawn(frame, (s) => !before || s.zoom !== before.zoom);
      const text = fs.readFileSync(path.join(folder, 'policies.yaml'), 'utf8').split('\n');
      const line = text.findIndex((l) => l.includes('ports: [{port: 5432}]'));
      const column = text[line].indexOf('5432') + 1;
      await goToLine(page, editor(), line + 1, column);
      // Select the port number and type over it (typing brackets would meet the editor's auto-closing).
      for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type('6379');
      const target = 'shop/api[Deployment] => data/db-7f9c[ReplicaSet] : TCP 6379';
      const after = await drawn(frame, (s) => edgesOf(s).includes(target));
      const followed = Boolean(after) && edgesOf(after).includes(target);
      await page.keyboard.press('Control+S');
      await page.locator('.tab.dirty').waitFor({ state: 'detached' }).catch(() => {});
      const expected = engine(extensionPath, folder);
      const equal = followed && JSON.stringify(edgesOf(after)) === JSON.stringify(expected.edges);
      const zoomChanged = Boolean(zoomed) && zoomed.zoom !== before.zoom;
      const zoomKept = zoomChanged && Boolean(after) && Math.abs(after.zoom - zoomed.zoom) < 1e-9;
      return { ok: followed && equal && zoomKept, followed, equalToEngine: equal, zoomFirst: before.zoom, zoomBefore: zoomed && zoomed.zoom, zoomAfter: after && after.zoom, edges: after && edgesOf(after), expected: expected.edges, shot: await shot('edited') };
    }],
    ['table view: a rule link opens the allowing rule', async () => {
      await frame.click('#mode');
      await frame.fill('#filter', 'data/');
      const link = frame.locator('#table a', { hasText: /\bapi egress rule 1\b/ }).first();
      await link.waitFor();
      const tableShot = await shot('table');
      await link.click();
      const text = fs.readFileSync(path.join(folder, 'policies.yaml'), 'utf8').split('\n');
      const ruleLine = text.findIndex((l) => l.includes('namespaceSelector')) + 1;
      const deadline = Date.now() + STEP_TIMEOUT;
      let status = '';
      while (Date.now() < deadline) {
        status = (await page.locator('[id="status.editor.selection"]').innerText().catch(() => '')) || '';
        if (new RegExp(`Ln ${ruleLine},`).test(status)) break;
        await page.waitForTimeout(150);
      }
      return { ok: new RegExp(`Ln ${ruleLine},`).test(status), expectedLine: ruleLine, status, shots: [tableShot, await shot('rule-opened')] };
    }],
    ['click an edge on the canvas: the details show the rules that allow it', async () => {
      await frame.click('#mode');
      await frame.locator('#graph').waitFor({ state: 'visible' });
      // The details of the last step cover part of the canvas: close them, so that the fit below uses all of it.
      if (await frame.locator('#details').isVisible()) await frame.locator('#details button.close').click();
      const src = 'shop/api[Deployment]';
      const dst = 'data/db-7f9c[ReplicaSet]';
      const prior = await drawn(frame);
      await frame.click('#fit');
      // The page republishes the drawn state (with a point of each edge where a click reaches it) once the view rests after the fit
      // (the edit step zoomed in, so the fit moves the view).
      const fitted = await drawn(frame, (s) => s.edges.some((e) => e.src === src && e.dst === dst && e.x > 0 && e.y > 0) && (s.zoom !== prior.zoom || s.pan.x !== prior.pan.x));
      const edge = fitted.edges.find((e) => e.src === src && e.dst === dst);
      await frame.locator('#graph').click({ position: { x: edge.x, y: edge.y } });
      const expected = engine(extensionPath, folder).rules.get(`${src} => ${dst}`) || [];
      const details = frame.locator('#details');
      await details.waitFor({ state: 'visible' });
      const deadline = Date.now() + STEP_TIMEOUT;
      let shown = [];
      let title = '';
      while (Date.now() < deadline) {
        title = (await details.locator('h3').innerText().catch(() => '')) || '';
        shown = (await details.locator('#rules a.rule').allInnerTexts().catch(() => [])).map((t) => t.replace(/ \(.*\)$/, ''));
        if (title.includes(src) && expected.every((r) => shown.includes(r))) break;
        await page.waitForTimeout(150);
      }
      const ok = expected.length > 0 && title.includes(src) && title.includes(dst) && JSON.stringify([...shown].sort()) === JSON.stringify([...expected].sort());
      return { ok, clickedAt: { x: edge.x, y: edge.y }, title, shown, expected, shot: await shot('edge-details') };
    }],
    ['opened again: the same drawing', async () => {
      // Twice closed and opened again: each opening lays the same workspace out afresh (no saved zoom or positions).
      const opened = [];
      for (let i = 0; i < 2; i++) {
        const tab = page.locator('.tab', { hasText: 'Connectivity' }).first();
        await tab.click();
        await tab.locator('.tab-actions .action-label').first().click();
        await tab.waitFor({ state: 'detached' });
        await showConnectivity(page);
        frame = await viewFrame();
        opened.push(await drawn(frame, (s) => s.nodes.length > 0 && Object.keys(s.positions || {}).length === s.nodes.length));
      }
      const [first, second] = opened.map((s) => JSON.stringify(s.positions));
      return { ok: Boolean(first) && first !== '{}' && first === second, nodes: opened[0].nodes.length, first: opened[0].positions, second: opened[1].positions, shot: await shot('opened-again') };
    }],
  ];

  const results = await runSteps(steps, { shot, log, onStep: () => n++ });
  await page.close().catch(() => {});
  return { ok: results.every((r) => r.ok), results };
}

module.exports = { runConnectivityUi, findViewFrame, drawnState, showConnectivity, STEP_TIMEOUT };
