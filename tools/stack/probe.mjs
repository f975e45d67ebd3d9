#!/usr/bin/env node
// Readiness probe for the local stack, with no npm dependencies so that it works
// before (or without) `npm install`.
//
//   node probe.mjs kafka 127.0.0.1:19092[,host:port...]
//   node probe.mjs mongo mongodb://127.0.0.1:27027/
//
// Kafka: sends a Metadata request and succeeds once the broker lists at least one
// registered broker (the socket alone opens before KRaft has elected a controller).
// MongoDB: sends `ping` and `buildInfo` as OP_MSG and succeeds when both answer ok:1.
// Exit code 0 and one summary line on stdout when ready, 1 and the reason on stderr.
// Only plaintext Kafka listeners are supported; MongoDB may use tls=true or +srv.

import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns/promises';

const TIMEOUT_MS = Number(process.env.PROBE_TIMEOUT_MS ?? 3000);

// ---------------------------------------------------------------- transport

/** One client connection: sends a request and reads back its length-prefixed answer. */
class Connection {
  static open({ host, port, useTls }) {
    const options = { host, port, servername: net.isIP(host) ? undefined : host };
    const socket = useTls ? tls.connect(options) : net.connect(options);
    socket.setTimeout(TIMEOUT_MS, () => {
      socket.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`));
    });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.once(useTls ? 'secureConnect' : 'connect', () => {
        socket.off('error', reject);
        resolve(new Connection(socket));
      });
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.buffered = Buffer.alloc(0);
    this.waiting = null;
    socket.on('data', chunk => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.deliver();
    });
    socket.on('error', err => this.fail(err));
    socket.on('close', () => this.fail(new Error('connection closed before a full answer')));
  }

  /** Resolves with the next full frame; frameLength reads its size from its first bytes. */
  request(bytes, frameLength) {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject, frameLength };
      this.socket.write(bytes);
    });
  }

  deliver() {
    if (!this.waiting || this.buffered.length < 4) return;
    const total = this.waiting.frameLength(this.buffered);
    if (this.buffered.length < total) return;
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve(this.buffered.subarray(0, total));
    this.buffered = this.buffered.subarray(total);
  }

  fail(err) {
    if (!this.waiting) return;
    const { reject } = this.waiting;
    this.waiting = null;
    reject(err);
  }

  close() {
    this.socket.destroy();
  }
}

function parseHostPort(text, defaultPort) {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`bad address "${text}"`);
  return { host: match[1], port: Number(match[2] ?? defaultPort) };
}

// -------------------------------------------------------------------- kafka

const METADATA_KEY = 3;
const METADATA_VERSION = 4; // non-flexible encoding, supported from Kafka 1.0 to 4.x

function kafkaMetadataRequest(correlationId) {
  const clientId = Buffer.from('stack-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
  let at = body.writeInt16BE(METADATA_KEY, 0);
  at = body.writeInt16BE(METADATA_VERSION, at);
  at = body.writeInt32BE(correlationId, at);
  at = body.writeInt16BE(clientId.length, at);
  at += clientId.copy(body, at);
  at = body.writeInt32BE(0, at); // no topics: only brokers and cluster id are wanted
  body.writeInt8(0, at); // allow_auto_topic_creation = false
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

/** Reads the part of a Metadata v4 response before the topic list. */
function parseKafkaMetadata(frame, correlationId) {
  let at = 4;
  const int16 = () => ((at += 2), frame.readInt16BE(at - 2));
  const int32 = () => ((at += 4), frame.readInt32BE(at - 4));
  const string = () => {
    const length = int16();
    if (length < 0) return null;
    at += length;
    return frame.toString('utf8', at - length, at);
  };
  if (int32() !== correlationId) throw new Error('answer does not match the request');
  int32(); // throttle_time_ms
  const brokers = Array.from({ length: int32() }, () => {
    const broker = { id: int32(), host: string(), port: int32() };
    string(); // rack
    return broker;
  });
  return { brokers, clusterId: string(), controllerId: int32() };
}

async function probeKafka(list) {
  const errors = [];
  for (const address of list.split(',').filter(Boolean)) {
    const target = parseHostPort(address, 9092);
    const correlationId = Math.floor(Math.random() * 0x7fffffff);
    let connection;
    try {
      connection = await Connection.open(target);
      const request = kafkaMetadataRequest(correlationId);
      const frame = await connection.request(request, b => 4 + b.readInt32BE(0));
      const meta = parseKafkaMetadata(frame, correlationId);
      if (meta.brokers.length === 0) throw new Error('no broker registered yet');
      const brokers = meta.brokers.map(b => `${b.id}@${b.host}:${b.port}`).join(' ');
      return `kafka ok: ${address} cluster ${meta.clusterId} brokers [${brokers}]`;
    } catch (err) {
      errors.push(`${address}: ${err.message}`);
    } finally {
      connection?.close();
    }
  }
  throw new Error(errors.join('; ') || 'no broker address given');
}

// -------------------------------------------------------------------- mongo

const OP_MSG = 2013;

/** Encodes a flat BSON document whose values are strings or int32 numbers. */
function bson(fields) {
  const parts = Object.entries(fields).map(([name, value]) => {
    const key = Buffer.from(`${name}\0`);
    if (typeof value === 'number') {
      const number = Buffer.alloc(4);
      number.writeInt32LE(value);
      return Buffer.concat([Buffer.from([0x10]), key, number]);
    }
    const text = Buffer.from(`${value}\0`);
    const length = Buffer.alloc(4);
    length.writeInt32LE(text.length);
    return Buffer.concat([Buffer.from([0x02]), key, length, text]);
  });
  const body = Buffer.concat([...parts, Buffer.from([0])]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(body.length + 4);
  return Buffer.concat([size, body]);
}

function opMsg(requestId, document) {
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + document.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8); // responseTo
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16); // flagBits
  header.writeUInt8(0, 20); // section kind 0: the command body
  return Buffer.concat([header, document]);
}

/** Reads the top-level scalar fields of a BSON document; nested values are skipped. */
function readBson(buf, start) {
  const end = start + buf.readInt32LE(start) - 1;
  const fixedSizes = { 0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8 };
  Object.assign(fixedSizes, { 0x12: 8, 0x13: 16, 0x7f: 0, 0xff: 0 });
  const result = {};
  let at = start + 4;
  while (at < end) {
    const type = buf[at];
    const nameEnd = buf.indexOf(0, at + 1);
    const name = buf.toString('utf8', at + 1, nameEnd);
    at = nameEnd + 1;
    if (type === 0x01) result[name] = buf.readDoubleLE(at);
    if (type === 0x10) result[name] = buf.readInt32LE(at);
    if (type === 0x08) result[name] = buf[at] === 1;
    if (type === 0x02) result[name] = buf.toString('utf8', at + 4, at + buf.readInt32LE(at) + 3);
    if (type in fixedSizes) at += fixedSizes[type];
    else if (type === 0x02 || type === 0x0d || type === 0x0e) at += 4 + buf.readInt32LE(at);
    else if (type === 0x03 || type === 0x04) at += buf.readInt32LE(at);
    else if (type === 0x05) at += 5 + buf.readInt32LE(at);
    else break; // a type this probe does not need to understand
  }
  return result;
}

async function mongoCommand(connection, command) {
  const requestId = Math.floor(Math.random() * 0x7fffffff);
  const request = opMsg(requestId, bson(command));
  const frame = await connection.request(request, b => b.readInt32LE(0));
  if (frame.readInt32LE(8) !== requestId) throw new Error('answer does not match the request');
  if (frame.readInt32LE(12) !== OP_MSG) throw new Error('answer is not an OP_MSG');
  const reply = readBson(frame, 21);
  if (reply.ok !== 1) throw new Error(`${Object.keys(command)[0]}: ${reply.errmsg}`);
  return reply;
}

/** Turns a connection string into the host list to try, resolving +srv records. */
async function mongoTargets(uri) {
  const match = /^mongodb(\+srv)?:\/\/(?:[^@/]*@)?([^/?]+)[^?]*(?:\?(.*))?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI is not a mongodb:// or mongodb+srv:// URI');
  const [, srv, hostList, query = ''] = match;
  const params = new URLSearchParams(query);
  const tlsParam = params.get('tls') ?? params.get('ssl');
  const useTls = tlsParam === null ? Boolean(srv) : tlsParam === 'true';
  if (srv) {
    const records = await dns.resolveSrv(`_mongodb._tcp.${hostList}`);
    return records.map(r => ({ host: r.name, port: r.port, useTls }));
  }
  return hostList.split(',').map(h => ({ ...parseHostPort(h, 27017), useTls }));
}

async function probeMongo(uri) {
  const errors = [];
  for (const target of await mongoTargets(uri)) {
    const address = `${target.host}:${target.port}`;
    let connection;
    try {
      connection = await Connection.open(target);
      await mongoCommand(connection, { ping: 1, $db: 'admin' });
      const info = await mongoCommand(connection, { buildInfo: 1, $db: 'admin' });
      const ferret = info.ferretdbVersion ? ` (FerretDB ${info.ferretdbVersion})` : '';
      return `mongo ok: ${address} version ${info.version}${ferret}`;
    } catch (err) {
      errors.push(`${address}: ${err.message}`);
    } finally {
      connection?.close();
    }
  }
  throw new Error(errors.join('; '));
}

// --------------------------------------------------------------------- main

const probes = { kafka: probeKafka, mongo: probeMongo };
const [kind, target] = process.argv.slice(2);

if (!probes[kind] || !target) {
  console.error('usage: probe.mjs kafka HOST:PORT[,HOST:PORT...] | probe.mjs mongo MONGODB_URI');
  process.exit(2);
}

try {
  console.log(await probes[kind](target));
} catch (err) {
  console.error(`${kind} not ready: ${err.message}`);
  process.exit(1);
}
