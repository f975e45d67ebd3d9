export { collectMessages, type CollectOptions, headersOf } from './kafka-probe';
export { ensureStack, type TestStack, uniqueName } from './stack';
