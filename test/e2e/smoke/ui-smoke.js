// The UI smoke test of the packaged .vsix: a person's session in the real VS Code workbench (code-server, headless
// Chromium), step by step, with a screenshot after each: open a policy, see the squiggle and the Problems entry, hover
// and read netpol's text, apply the quick fix from the lightbulb menu and check the file saved on disk, insert a snippet
// from the completion list. Every step runs and reports even when an earlier one failed, so one run shows everything.
'use strict';
const fs = require('fs');
const path = require('path');
const { remoteUri, workbenchUrl } = require('../lib/code-server');

const STEP_TIMEOUT = 20000;

/** The snippet prefix to type: a default-deny snippet when there is one. */
function snippetPrefix(extensionPath) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const prefixes = [];
  for (const entry of (pkg.contributes && pkg.contributes.snippets) || []) {
    if (entry.language !== 'yaml') continue;
    const file = JSON.parse(fs.readFileSync(path.join(extensionPath, entry.path), 'utf8'));
    for (const s of Object.values(file)) prefixes.push(...[].concat(s.prefix));
  }
  return prefixes.find((p) => /deny/.test(p)) || prefixes[0];
}

async function runSmoke({ browser, url, folder, extensionPath, shots, log = console.log }) {
  fs.mkdirSync(shots, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(STEP_TIMEOUT);
  const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();
  const disk = (file) => fs.readFileSync(path.join(folder, file), 'utf8');
  let n = 0;
  const results = [];
  const shot = async (name) => {
    const p = path.join(shots, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: p }).catch(() => {});
    return path.relative(process.cwd(), p);
  };
  const problems = async () => {
    const label = (await page.locator('[id="status.problems"]').getAttribute('aria-label').catch(() => '')) || '';
    const num = (re) => Number((label.match(re) || [0, 0])[1]);
    return { label, errors: num(/(\d+) errors?/i) || num(/Errors?: (\d+)/i), warnings: num(/(\d+) warnings?/i) || num(/Warnings?: (\d+)/i) };
  };
  /** Puts the cursor in the middle of `needle` (first line containing it) with Go to Line, and returns its box. */
  const cursorOn = async (file, needle) => {
    const lines = disk(file).split('\n');
    const line = lines.findIndex((l) => l.includes(needle));
    if (line < 0) throw new Error(`"${needle}" is not in ${file}`);
    const column = lines[line].indexOf(needle) + 1 + Math.floor(needle.length / 2);
    await page.keyboard.press('Escape');
    await editor().click({ position: { x: 300, y: 5 } });
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(`${line + 1}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return editor().locator('.cursors-layer .cursor').first().boundingBox();
  };
  const visibleHover = () => page.evaluate(() => [...document.querySelectorAll('.monaco-hover')]
    // Hover widgets fade in, and hidden old ones keep their text: only read the one fully shown.
    .filter((el) => { const cs = getComputedStyle(el); return cs.display !== 'none' && cs.opacity === '1' && el.getBoundingClientRect().height > 0; })
    .map((el) => el.innerText).join('\n---\n'));
  const hoverAt = async (file, needle, expect) => {
    const box = await cursorOn(file, needle);
    await page.mouse.move(box.x + 3, box.y + box.height / 2);
    await page.mouse.move(box.x + 5, box.y + box.height / 2);
    const deadline = Date.now() + STEP_TIMEOUT;
    let text = '';
    while (!expect.test(text = await visibleHover()) && Date.now() < deadline) await page.waitForTimeout(100);
    return text;
  };
  const save = async () => {
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached' }).catch(() => {});
  };
  const waitFile = async (file, predicate) => {
    const deadline = Date.now() + 5000;
    while (!predicate(disk(file)) && Date.now() < deadline) await page.waitForTimeout(100);
    return disk(file);
  };
  const openFile = async (file) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(file);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: file }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active[data-resource-name="${file}"]`).waitFor();
    await editor().locator('.view-lines').waitFor();
  };

  const steps = [
    ['open policy.yaml', async () => {
      const payload = [['openFile', remoteUri(url, path.join(folder, 'policy.yaml'))]];
      await page.goto(workbenchUrl(url, folder, payload));
      await page.locator('.tab.active[data-resource-name="policy.yaml"]').waitFor({ timeout: 60000 });
      await editor().locator('.view-lines').waitFor();
      return { ok: true, shot: await shot('opened') };
    }],
    ['squiggle and Problems entry', async () => {
      await editor().locator('.squiggly-warning').first().waitFor();
      const squiggles = await editor().locator('.squiggly-warning').count();
      const status = await problems();
      const s1 = await shot('squiggle');
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: '169.254.169.254' }).first().waitFor().catch(() => {});
      const texts = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
      const s2 = await shot('problems-panel');
      await page.keyboard.press('Control+Shift+M');
      const row = texts.find((t) => /169\.254\.169\.254/.test(t));
      return { ok: squiggles > 0 && status.warnings > 0 && Boolean(row), squiggles, status: status.label, problemsRows: texts, shots: [s1, s2] };
    }],
    ['hover on a field', async () => {
      const text = await hoverAt('policy.yaml', 'podSelector', /selects the pods to which this NetworkPolicy/i);
      const s = await shot('hover-field');
      return { ok: /selects the pods to which this NetworkPolicy/i.test(text), text, shot: s };
    }],
    ['hover on a CIDR', async () => {
      const text = await hoverAt('policy.yaml', '0.0.0.0/0', /255\.255\.255\.255/);
      const s = await shot('hover-cidr');
      return { ok: /255\.255\.255\.255/.test(text), text, shot: s };
    }],
    ['quick fix from the lightbulb menu, saved', async () => {
      await page.mouse.move(5, 5);
      await cursorOn('policy.yaml', '0.0.0.0/0');
      await page.keyboard.press('Control+.');
      const items = page.locator('.action-widget .monaco-list-row.action:visible');
      // Either the menu opens or the editor says "No code actions available".
      const none = page.locator('.monaco-editor-overlaymessage:visible');
      await items.first().or(none.first()).waitFor();
      if (!(await items.count())) {
        return { ok: false, reason: (await none.first().innerText().catch(() => 'no menu')).trim(), shot: await shot('quickfix-menu') };
      }
      const titles = await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
      const menuShot = await shot('quickfix-menu');
      const target = items.filter({ hasText: '169.254.169.254' }).first();
      if (!(await target.count())) {
        await page.keyboard.press('Escape');
        return { ok: false, reason: 'no quick fix mentioning 169.254.169.254', titles, shot: menuShot };
      }
      await target.click();
      await save();
      const text = await waitFile('policy.yaml', (t) => t.includes('169.254.169.254/32'));
      await editor().locator('.squiggly-warning').first().waitFor({ state: 'detached' }).catch(() => {});
      const squigglesLeft = await editor().locator('.squiggly-warning').count();
      const fixedShot = await shot('fixed-file');
      const ok = /except:\s*\n\s*- 169\.254\.169\.254\/32|except: \[169\.254\.169\.254\/32\]/.test(text) && text.includes('cidr: 0.0.0.0/0') && squigglesLeft === 0;
      return { ok, titles, squigglesLeft, file: text.split('\n').slice(-6).join('\n'), shots: [menuShot, fixedShot] };
    }],
    ['snippet from the completion list', async () => {
      const prefix = snippetPrefix(extensionPath);
      if (!prefix) return { ok: false, reason: 'no snippets contributed for yaml' };
      await openFile('empty.yaml');
      await editor().click({ position: { x: 300, y: 5 } });
      await page.keyboard.type(prefix);
      await page.keyboard.press('Control+Space');
      const row = page.locator('.suggest-widget .monaco-list-row', { hasText: prefix }).first();
      await row.waitFor({ state: 'visible' });
      const labels = await page.locator('.suggest-widget .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
      const suggestShot = await shot('snippet-suggest');
      await row.click();
      await editor().locator('.view-lines', { hasText: 'NetworkPolicy' }).waitFor();
      // Leave snippet mode (its first placeholder is selected) so that the screenshot shows the plain file.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await save();
      const text = await waitFile('empty.yaml', (t) => t.includes('kind: NetworkPolicy'));
      const insertedShot = await shot('snippet-inserted');
      return { ok: text.includes('kind: NetworkPolicy') && text.includes('podSelector'), prefix, labels: labels.slice(0, 8), file: text, shots: [suggestShot, insertedShot] };
    }],
  ];

  for (const [name, fn] of steps) {
    n += 1;
    const t0 = Date.now();
    let r;
    try {
      r = await fn();
    } catch (e) {
      r = { ok: false, error: String(e && e.message || e).split('\n')[0], shot: await shot('error') };
    }
    const rec = { step: n, name, ms: Date.now() - t0, ...r };
    results.push(rec);
    log(`${rec.ok ? 'PASS' : 'FAIL'} ui ${n}. ${name} (${rec.ms} ms)${rec.ok ? '' : `\n${JSON.stringify(r, null, 2)}`}`);
    if (n === 1 && !rec.ok) break;
  }
  await page.close().catch(() => {});
  return { ok: results.every((r) => r.ok) && results.length === steps.length, results };
}

module.exports = { runSmoke };
