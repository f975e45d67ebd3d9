export { collectProcessMetrics, counter, gauge, histogram, metricsRegistry } from './registry';
