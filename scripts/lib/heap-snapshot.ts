import type { Page } from 'playwright-core';

/** One node of a V8 heap snapshot: its kind (`code`, `object`, `native`…), its name and its own size in bytes. */
export interface HeapNode {
  type: string;
  name: string;
  selfSize: number;
}

/**
 * The page's JS heap as a V8 heap snapshot, read out node by node. Taking
 * the snapshot collects garbage first, so only what is still reachable counts.
 */
export async function heapSnapshotNodes(page: Page): Promise<HeapNode[]> {
  const cdp = await page.context().newCDPSession(page);
  let json = '';
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => {
    json += e.chunk;
  });
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  const snap = JSON.parse(json) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const typeNames = snap.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const nodes: HeapNode[] = [];
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    nodes.push({
      type: typeNames[snap.nodes[i + typeAt]!]!,
      name: snap.strings[snap.nodes[i + nameAt]!]!,
      selfSize: snap.nodes[i + sizeAt]!,
    });
  }
  return nodes;
}
