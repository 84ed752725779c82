import { PGlite } from "@electric-sql/pglite";
let t=performance.now();
const a = new PGlite(); await a.query("select 1"); console.log("first", performance.now()-t); t=performance.now();
const b = new PGlite(); await b.query("select 1"); console.log("second", performance.now()-t); t=performance.now();
const dump = await b.dumpDataDir("none"); console.log("dump", performance.now()-t, dump.size); t=performance.now();
const c = new PGlite({loadDataDir: dump}); await c.query("select 1"); console.log("load", performance.now()-t); t=performance.now();
const d = await b.clone(); await d.query("select 1"); console.log("clone", performance.now()-t);
