// Starts helper processes in their own process group and ends them, with everything they started, by PID (never by
// name): SIGTERM to the recorded tree, then SIGKILL to whatever is left after a grace period.
'use strict';
const fs = require('fs');

/** Every live descendant of `pid` (Linux /proc), children first found breadth-first. */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // The process ended while we were looking.
    }
  }
  const out = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()) || []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function alive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** Ends `pid` and its whole tree; resolves when none of them is alive any more. */
async function stopTree(pid, { graceMs = 5000 } = {}) {
  const tree = [pid, ...descendants(pid)];
  // The process group first (the helpers are started detached, so the group id is their pid), then each one we saw.
  signal(-pid, 'SIGTERM');
  for (const p of tree) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (tree.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const left = tree.filter(alive);
  for (const p of left) signal(p, 'SIGKILL');
  signal(-pid, 'SIGKILL');
  return { stopped: tree.length, killed: left.length };
}

module.exports = { descendants, alive, stopTree };
