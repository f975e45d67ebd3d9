/**
 * Fixed vocabularies the generator draws from. Scores next to each CVSS vector were computed
 * with a CVSS calculator (base and, for the temporal/threat suffix given, temporal/threat), so a
 * consumer that recomputes them from the vector finds the same numbers.
 */

export interface CvssChoice {
  vector: string;
  base: string;
  /** Temporal (v2, v3) or threat (v4) score for the suffix appended to the vector. */
  adjusted: string;
}

export const CVSS2_SUFFIX = '/E:POC/RL:OF/RC:C';
export const CVSS3_SUFFIX = '/E:P/RL:O/RC:C';
export const CVSS4_SUFFIX = '/E:P';

export const CVSS2_CHOICES: readonly CvssChoice[] = [
  { vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', base: '7.5', adjusted: '5.9' },
  { vector: 'AV:N/AC:L/Au:N/C:N/I:N/A:P', base: '5.0', adjusted: '3.9' },
  { vector: 'AV:N/AC:M/Au:N/C:N/I:P/A:N', base: '4.3', adjusted: '3.4' },
  { vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', base: '10.0', adjusted: '7.8' },
  { vector: 'AV:L/AC:L/Au:N/C:C/I:C/A:C', base: '7.2', adjusted: '5.6' },
  { vector: 'AV:N/AC:M/Au:N/C:P/I:P/A:P', base: '6.8', adjusted: '5.3' },
  { vector: 'AV:N/AC:L/Au:S/C:P/I:P/A:P', base: '6.5', adjusted: '5.1' },
];

export const CVSS3_CHOICES: readonly CvssChoice[] = [
  { vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', base: '9.8', adjusted: '8.8' },
  { vector: 'AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', base: '8.8', adjusted: '7.9' },
  { vector: 'AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', base: '7.8', adjusted: '7.0' },
  { vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', base: '7.5', adjusted: '6.7' },
  { vector: 'AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:H', base: '7.7', adjusted: '6.9' },
  { vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', base: '5.9', adjusted: '5.3' },
  { vector: 'AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', base: '6.1', adjusted: '5.5' },
  { vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', base: '5.3', adjusted: '4.8' },
  { vector: 'AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', base: '5.5', adjusted: '5.0' },
  // A real score of zero: consumers must keep 0.0 apart from "no score".
  { vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', base: '0.0', adjusted: '0.0' },
];

export const CVSS4_CHOICES: readonly CvssChoice[] = [
  {
    vector: 'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    base: '9.3',
    adjusted: '8.9',
  },
  {
    vector: 'AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    base: '8.7',
    adjusted: '7.4',
  },
  {
    vector: 'AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    base: '8.5',
    adjusted: '7.1',
  },
  {
    vector: 'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N',
    base: '8.7',
    adjusted: '7.7',
  },
  {
    vector: 'AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:L/VA:N/SC:L/SI:L/SA:N',
    base: '5.3',
    adjusted: '2.1',
  },
  {
    vector: 'AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N',
    base: '8.2',
    adjusted: '6.9',
  },
];

/** Threat-intelligence ids and labels as the KB pairs them. */
export const THREAT_INTEL: readonly (readonly [string, string])[] = [
  ['2', 'Exploit_Public'],
  ['4', 'High_Lateral_Movement'],
  ['5', 'Easy_Exploit'],
  ['6', 'High_Data_Loss'],
  ['7', 'Denial_of_Service'],
  ['8', 'No_Patch'],
  ['13', 'Privilege_Escalation'],
  ['15', 'Remote_Code_Execution'],
];

export const VENDORS: readonly (readonly [string, string, string])[] = [
  ['microsoft', 'windows', 'Windows'],
  ['cisco', 'ios_xe', 'Cisco'],
  ['apache', 'http_server', 'Web server'],
  ['openssl', 'openssl', 'General remote services'],
  ['oracle', 'java_se', 'Local'],
  ['canonical', 'ubuntu_linux', 'Ubuntu'],
  ['redhat', 'enterprise_linux', 'RedHat'],
  ['mozilla', 'firefox', 'Local'],
  ['vmware', 'esxi', 'VMware'],
  ['postgresql', 'postgresql', 'Database'],
];

export const FLAWS = [
  'Remote Code Execution Vulnerability',
  'Privilege Escalation Vulnerability',
  'Information Disclosure Vulnerability',
  'Denial of Service Vulnerability',
  'Security Update',
  'Command Injection Vulnerability',
  'Cross-Site Scripting (XSS) Vulnerability',
  'Multiple Vulnerabilities',
] as const;

export const IG_TITLES = [
  'DNS Host Name',
  'Operating System Detected',
  'Host Scan Time - Scanner',
  'Open TCP Services List',
  'Installed Applications Enumerated From Windows Installer',
  'Network Adapter MAC Address',
] as const;

export const OPERATING_SYSTEMS: readonly (readonly [string, string])[] = [
  ['Windows 2016/2019/10', 'cpe:/o:microsoft:windows_server_2019:::x64'],
  ['Windows 2008 R2 Enterprise Service Pack 1', 'cpe:/o:microsoft:windows_server_2008:r2:sp1:x64'],
  ['Red Hat Enterprise Linux 8.0', 'cpe:/o:redhat:enterprise_linux:8.0:::'],
  ['Ubuntu Linux 22.04', 'cpe:/o:canonical:ubuntu_linux:22.04:::'],
  ['Amazon Linux 2', 'cpe:/o:amazon:linux:2:::'],
  ['CentOS Linux 7.9.2009', 'cpe:/o:centos:centos:7:::'],
  ['Cisco IOS XE 17.3', 'cpe:/o:cisco:ios_xe:17.3:::'],
  ['VMware ESXi 7.0', 'cpe:/o:vmware:esxi:7.0:::'],
];

export const HOST_PREFIXES = [
  'web',
  'db',
  'app',
  'dc',
  'file',
  'mail',
  'k8s-node',
  'build',
] as const;
export const DOMAINS = ['corp.example.com', 'prod.example.net', 'lab.example.org'] as const;

export const TAGS: readonly (readonly [number, string, string, string])[] = [
  [12345, 'TagName', '#FFFFFF', '#1175AE'],
  [7001, 'Production', '#FFFFFF', '#C0392B'],
  [7002, 'PCI Scope', '#000000', '#F1C40F'],
  [7003, 'Cloud Agent', '#FFFFFF', '#2E86C1'],
  [7004, 'Linux Servers', '#FFFFFF', '#117A65'],
  [7005, 'Windows Servers', '#FFFFFF', '#6C3483'],
  [7006, 'Équipe Réseau', '#000000', '#AED6F1'],
];

export const AWS_REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'] as const;
export const AZURE_LOCATIONS = ['westeurope', 'eastus2', 'japaneast'] as const;
export const GCP_ZONES = ['europe-west1-b', 'us-central1-a'] as const;

export const CONTROL_CATEGORIES: readonly (readonly [string, string])[] = [
  ['Access Control Requirements', 'Password Management'],
  ['Access Control Requirements', 'Account Lockout'],
  ['Auditing and Logging', 'Audit Policy'],
  ['System and Communications Protection', 'Network Security'],
  ['Operating System Configuration', 'Services'],
];

export const CONTROL_STATEMENTS = [
  "Status of the 'Minimum password length' setting",
  "Status of the 'Account lockout threshold' setting",
  "Status of the 'Audit Logon' setting (Success/Failure)",
  "Status of the 'SSH PermitRootLogin' setting",
  "Status of the 'Telnet' service",
  "Status of the 'Maximum password age' setting",
  "Status of the 'SMBv1 protocol' setting",
  "Status of the 'Firewall state' setting (Domain profile)",
] as const;

export const CRITICALITIES: readonly (readonly [string, string])[] = [
  ['MINIMAL', '0'],
  ['MEDIUM', '1'],
  ['SERIOUS', '2'],
  ['CRITICAL', '3'],
  ['URGENT', '4'],
];

export const TECHNOLOGIES: readonly (readonly [number, string])[] = [
  [45, 'Windows Server 2019'],
  [89, 'Red Hat Enterprise Linux 8.x'],
  [117, 'Ubuntu 22.x'],
  [19, 'Cisco IOS 15.x'],
  [210, 'VMware ESXi 7.x'],
];

export const POLICY_TITLES = [
  'CIS Benchmark for Windows Server 2019',
  'Red Hat Enterprise Linux 8 Hardening',
  'PCI DSS 4.0 Baseline',
  'Network Devices Baseline',
  'One UDC',
] as const;
