import module from 'node:module';
if (process.env.CC) module.enableCompileCache(process.env.CC);
const t0 = performance.now();
if (process.env.DOM) { const { JSDOM } = await import('jsdom'); const dom = new JSDOM(''); globalThis.window = dom.window; globalThis.document = dom.window.document; }
const t1 = performance.now();
const { default: mermaid } = await import('mermaid');
const t2 = performance.now();
mermaid.initialize({ startOnLoad: false });
let n=0; const s = performance.now();
for (let i=0;i<100;i++) { try { await mermaid.parse(`flowchart LR\n  A${i}[Restart] --> B[Verify]\n  B --> C{ok?}\n  C -->|yes| D[Done]`); n++; } catch(e) { console.log(e.message) } }
const t3 = performance.now();
await mermaid.parse('sequenceDiagram\n A->>B: x');
const t4 = performance.now();
console.log('dom', (t1-t0).toFixed(0), 'mermaid import', (t2-t1).toFixed(0), '100 flowcharts', (t3-s).toFixed(0), 'seq first', (t4-t3).toFixed(0), n);
