import { type CloudInstance } from '../identification/host-observation';
import { CI_CLASSES, type CiClass } from './configuration-item';

const words = (alternatives: readonly string[]) =>
  new RegExp(`\\b(${alternatives.join('|')})\\b`, 'i');

// Operating systems and fingerprints of appliances (Qualys OS text names the vendor or the
// product: "Cisco IOS", "Linux 2.4-2.6 / Embedded Device / F5 Networks Big-IP").
const NETWORK_DEVICE = words([
  'cisco',
  'ios[ -]xe',
  'ios[ -]xr',
  'nx-os',
  'junos',
  'juniper',
  'fortios',
  'fortigate',
  'fortinet',
  'big-?ip',
  'f5 networks',
  'pan-os',
  'palo alto',
  'arista',
  'routeros',
  'mikrotik',
  'netscaler',
  'sonicwall',
  'sonicos',
  'check ?point',
  'gaia',
  'aruba',
  'procurve',
  'brocade',
  'extremexos',
  'embedded device',
  'router',
  'switch',
  'firewall',
]);

// A Windows text naming a server release year or the word Server is a server even when it
// also names a client release: Qualys fingerprints such as "Windows 2016/2019/10" span both.
const WINDOWS_SERVER = /\bwindows\b.*\b(server|2000|2003|2008|2012|2016|2019|2022|2025)\b/i;
const WORKSTATION = words([
  'windows\\b.*\\b(xp|vista|7|8|8\\.1|10|11)',
  'mac ?os',
  'os x',
  'macintosh',
  'chrome ?os',
]);
const SERVER = words([
  'windows',
  'linux',
  'red hat',
  'rhel',
  'centos',
  'rocky',
  'alma',
  'ubuntu',
  'debian',
  'suse',
  'sles',
  'fedora',
  'unix',
  'solaris',
  'sunos',
  'aix',
  'hp-ux',
  'freebsd',
  'openbsd',
  'netbsd',
  'esxi',
  'vmware',
]);

/**
 * Class of a CI from its reconciled cloud and OS attributes, first rule that applies:
 * a cloud instance when a cloud provider describes it; a network device when the OS names a
 * network vendor or appliance; a server for Windows server releases; a workstation for Windows
 * client releases and macOS; a server for other Windows, Linux and Unix; unknown otherwise.
 */
export function classify(os: string | null, cloud: CloudInstance | null): CiClass {
  if (cloud) return CI_CLASSES.cloudInstance;
  if (!os) return CI_CLASSES.unknown;
  if (NETWORK_DEVICE.test(os)) return CI_CLASSES.networkDevice;
  if (WINDOWS_SERVER.test(os)) return CI_CLASSES.server;
  if (WORKSTATION.test(os)) return CI_CLASSES.workstation;
  if (SERVER.test(os)) return CI_CLASSES.server;
  return CI_CLASSES.unknown;
}
