// `npm install`'s first step, run by whatever Node the machine has: the project brings its own
// Node 24 as a devDependency (the `node` package), which npm puts first on PATH for every npm
// script, so any Node that can run npm's install will do. Written in ES5 on purpose: it must parse
// on the oldest Node that may meet it, to say one sentence instead of a stack trace.
var major = Number(process.versions.node.split('.')[0]);
if (major < 18) {
	console.error('NeoTool docs: Node.js ' + process.versions.node + ' is too old to install the project; install Node.js 18 or newer (any LTS), then run `npm install` again: the project brings its own Node 24 for everything else.');
	process.exit(1);
}
