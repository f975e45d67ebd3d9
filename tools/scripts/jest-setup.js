// A test that writes to the console fails: code under test logs through an injected pino
// logger, so console output means something escaped that path.
const { format } = require('node:util');

for (const method of ['log', 'info', 'warn', 'error', 'debug']) {
  const original = console[method];
  console[method] = (...args) => {
    original.apply(console, args);
    throw new Error(`Unexpected console.${method}: ${format(...args)}`);
  };
}
