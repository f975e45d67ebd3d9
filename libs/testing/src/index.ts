export { collectMessages, type CollectOptions, headersOf } from './kafka-probe';
export { freePort } from './ports';
export { ensureStack, type TestStack, uniqueName } from './stack';
export { waitFor } from './wait';
