// Integration tests wait on real servers (consumer-group joins take seconds), so their tests
// and hooks get two minutes; `testTimeout` is not a per-project option in jest.

jest.setTimeout(120000);
