import {
  CONTROL_CATEGORIES,
  CONTROL_STATEMENTS,
  CRITICALITIES,
  POLICY_TITLES,
  TECHNOLOGIES,
} from './catalog';
import {
  type ControlRecord,
  type ControlTechnology,
  type EstateSettings,
  type PolicyRecord,
  type PolicySection,
  type PostureRecord,
  type PostureStatus,
} from './model';
import { hash32, intBetween, pick, unit } from './prng';

const DAY_MS = 86_400_000;
/** The last controls of the catalog are user-defined (UDC ids start at 100000). */
const USER_DEFINED_CONTROLS = 3;
const POSTURE_POLICY_SPAN = 1_000_000_000;
export const MAX_CONTROLS_PER_POLICY = 999;

const SALT = {
  controlJitter: 61,
  statement: 62,
  category: 63,
  criticality: 64,
  technology: 65,
  policyStart: 66,
  sections: 67,
  policyHosts: 68,
  posture: 69,
  postureDates: 70,
  locked: 71,
} as const;

export function deriveControl(settings: EstateSettings, index: number): ControlRecord {
  const { seed, startMs } = settings;
  const userDefined = index >= settings.controls - USER_DEFINED_CONTROLS;
  const [category, subCategory] = pick(CONTROL_CATEGORIES, seed, index, SALT.category);
  const [criticalityLabel, criticalityValue] = pick(CRITICALITIES, seed, index, SALT.criticality);
  const techCount = intBetween(seed, 1, 3, index, SALT.technology);
  const firstTech = hash32(seed, index, SALT.technology, 1) % TECHNOLOGIES.length;
  const technologies: ControlTechnology[] = [];
  for (let t = 0; t < techCount; t += 1) {
    const tech = TECHNOLOGIES[(firstTech + t) % TECHNOLOGIES.length];
    if (tech) {
      technologies.push({
        id: tech[0],
        name: tech[1],
        rationale: `Hardening ${tech[1]} reduces the attack surface (control ${index}).`,
      });
    }
  }
  const createdMs = startMs - intBetween(seed, 200, 1500, index, SALT.statement) * DAY_MS;
  return {
    index,
    id: userDefined
      ? 100_000 + index
      : 1000 + index * 7 + (hash32(seed, index, SALT.controlJitter) % 7),
    statement: `${pick(CONTROL_STATEMENTS, seed, index, SALT.statement)} (#${index})`,
    category,
    subCategory,
    checkType: userDefined ? 'Registry Value Existence' : 'Windows Registry',
    criticalityLabel,
    criticalityValue,
    createdMs,
    updatedMs: createdMs + intBetween(seed, 0, 150, index, SALT.category) * DAY_MS,
    technologies,
    userDefined,
  };
}

/** The control indexes of a policy, in catalog order. */
function policyControlIndexes(settings: EstateSettings, policyIndex: number): number[] {
  const count = Math.min(settings.controlsPerPolicy, settings.controls, MAX_CONTROLS_PER_POLICY);
  const start =
    settings.controls > 0
      ? hash32(settings.seed, policyIndex, SALT.policyStart) % settings.controls
      : 0;
  const indexes: number[] = [];
  for (let i = 0; i < count; i += 1) {
    indexes.push((start + i) % settings.controls);
  }
  return indexes.sort((a, b) => a - b);
}

export function derivePolicy(
  settings: EstateSettings,
  index: number,
  controlOf: (index: number) => ControlRecord,
): PolicyRecord {
  const { seed, startMs } = settings;
  const controls = policyControlIndexes(settings, index);
  const sectionCount = Math.min(controls.length, intBetween(seed, 2, 4, index, SALT.sections)) || 1;
  const perSection = Math.ceil(controls.length / sectionCount);
  const sections: PolicySection[] = [];
  for (let s = 0; s < sectionCount; s += 1) {
    sections.push({
      number: s + 1,
      heading: `Section ${s + 1}: ${controls.length ? controlOf(controls[s * perSection] ?? 0).category : 'General'}`,
      controlIndexes: controls.slice(s * perSection, (s + 1) * perSection),
    });
  }
  const technologyIds = [
    ...new Set(controls.flatMap(c => controlOf(c).technologies.map(t => t.id))),
  ].sort((a, b) => a - b);
  const baseTitle = POLICY_TITLES[index % POLICY_TITLES.length] ?? 'Policy';
  const createdMs = startMs - intBetween(seed, 100, 900, index, SALT.sections, 1) * DAY_MS;
  return {
    index,
    id: 5_744_989 + index * 13,
    title: index < POLICY_TITLES.length ? baseTitle : `${baseTitle} #${index}`,
    createdMs,
    createdBy: 'user_x',
    modifiedMs: createdMs + 2 * DAY_MS,
    modifiedBy: 'user_x',
    lastEvaluatedMs: startMs - intBetween(seed, 1, 48, index, SALT.sections, 2) * 3_600_000,
    status: index % 4 === 3 ? 'inactive' : 'active',
    locked: unit(seed, index, SALT.locked) < 0.2,
    sections,
    technologyIds,
  };
}

export function policyControls(policy: PolicyRecord): number[] {
  return policy.sections.flatMap(section => section.controlIndexes);
}

/** Whether a machine is evaluated against a policy (about 60 % of pairs). */
export function machineInPolicy(
  settings: EstateSettings,
  machine: number,
  policyIndex: number,
): boolean {
  return unit(settings.seed, machine, policyIndex, SALT.policyHosts) < 0.6;
}

export function postureId(policyIndex: number, hostIndex: number, position: number): number {
  return (policyIndex + 1) * POSTURE_POLICY_SPAN + hostIndex * 1000 + position;
}

/** Decodes a posture id back to its coordinates (inverse of {@link postureId}). */
export function postureCoordinates(id: number): {
  policyIndex: number;
  hostIndex: number;
  position: number;
} {
  return {
    policyIndex: Math.floor(id / POSTURE_POLICY_SPAN) - 1,
    hostIndex: Math.floor((id % POSTURE_POLICY_SPAN) / 1000),
    position: id % 1000,
  };
}

export function derivePosture(
  settings: EstateSettings,
  policyIndex: number,
  host: { index: number; machine: number },
  control: ControlRecord,
  position: number,
): PostureRecord {
  const { seed, startMs } = settings;
  const roll = unit(seed, host.machine, control.index, policyIndex, SALT.posture);
  const status: PostureStatus = roll < 0.65 ? 'Passed' : roll < 0.95 ? 'Failed' : 'Error';
  const modifiedMs =
    startMs - intBetween(seed, 1, 90, host.machine, control.index, SALT.postureDates) * DAY_MS;
  const record: PostureRecord = {
    id: postureId(policyIndex, host.index, position),
    hostIndex: host.index,
    policyIndex,
    controlIndex: control.index,
    technologyId: control.technologies[0]?.id ?? 0,
    instance: 'os',
    status,
    modifiedMs,
    evidence:
      status === 'Passed'
        ? `Expected value(s) matched: ${8 + (control.index % 8)}`
        : `Current value(s): ${control.index % 5}\tExpected: >= ${8 + (control.index % 8)}`,
  };
  if (status === 'Passed') {
    record.firstPassMs = modifiedMs - 30 * DAY_MS;
    record.lastPassMs = modifiedMs;
  } else {
    record.firstFailMs = modifiedMs - 10 * DAY_MS;
    record.lastFailMs = modifiedMs;
  }
  return record;
}
