/** Identification rules, named as configuration writes them. */
export const IDENTIFICATION_RULES = {
  /** The same source and Qualys host id: an identity already bound to a CI. */
  sourceHost: 'source-host',
  /** QG_HOSTID, a machine identity kept on the host itself; global. */
  agentId: 'agent-id',
  /** Qualys ASSET_ID, numbered per subscription. */
  assetId: 'asset-id',
  /** The cloud provider's instance id, with the account when known. */
  cloudInstance: 'cloud-instance',
  /** Fully qualified domain name, lower-cased, without trailing dot. */
  fqdn: 'fqdn',
  /** NetBIOS name together with one of the host's IPs. */
  netbiosIp: 'netbios-ip',
  /** IP within a network partition (subscription + NETWORK_ID), for hosts without a name. */
  ipNetwork: 'ip-network',
} as const;

export type IdentificationRule = (typeof IDENTIFICATION_RULES)[keyof typeof IDENTIFICATION_RULES];

export const IDENTIFICATION_RULE_VALUES = Object.values(IDENTIFICATION_RULES) as [
  IdentificationRule,
  ...IdentificationRule[],
];

/**
 * Strongest first. The agent id comes before the asset id because it is the machine's own
 * identity, while an asset id is a record of one subscription (the same machine can hold
 * two, one per tracking method).
 */
export const DEFAULT_RULE_ORDER: readonly IdentificationRule[] = [
  IDENTIFICATION_RULES.sourceHost,
  IDENTIFICATION_RULES.agentId,
  IDENTIFICATION_RULES.assetId,
  IDENTIFICATION_RULES.cloudInstance,
  IDENTIFICATION_RULES.fqdn,
  IDENTIFICATION_RULES.netbiosIp,
  IDENTIFICATION_RULES.ipNetwork,
];

/**
 * Rules whose value a machine holds only once: when an observation and a CI both carry one and
 * they differ, they are two machines, and no weaker rule may join them. Asset ids are left out
 * on purpose (one machine can have several), and so are NetBIOS+IP and IP (addresses move).
 */
export const CONTRADICTING_RULES: ReadonlySet<IdentificationRule> = new Set([
  IDENTIFICATION_RULES.agentId,
  IDENTIFICATION_RULES.cloudInstance,
  IDENTIFICATION_RULES.fqdn,
]);

/** What identify does when a stronger identifier contradicts every candidate of a rule. */
export const CONFLICT_POLICIES = {
  /** Skip the contradicted CIs; with nothing else matching, the host becomes a new CI. */
  newCi: 'new-ci',
  /** Stop and put the host in the unmatched queue for someone to decide. */
  unmatched: 'unmatched',
} as const;

export type ConflictPolicy = (typeof CONFLICT_POLICIES)[keyof typeof CONFLICT_POLICIES];

/** Names that many machines report and that therefore identify nothing. */
export const DEFAULT_IGNORED_NAMES: readonly string[] = [
  'localhost',
  'localhost.localdomain',
  'localdomain',
];
