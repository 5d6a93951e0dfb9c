import { uuidFrom } from './ids.ts';
import type { Person } from './person.ts';
import { labelHash } from './random.ts';
import type { SegmentContext } from './types.ts';

export type DeviceKind = 'desktop' | 'mobile_web' | 'app';

/** A browser or an app install: one anonymous id until its cookies are cleared. */
export interface Device {
  kind: DeviceKind;
  anonymousId: string;
  generation: number;
  loggedIn: boolean;
  shared: boolean;
  ip: string;
  base: SegmentContext;
}

const desktopAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
];
const mobileAgents = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36',
];
const ispPrefixes = ['90.', '86.', '92.', '78.', '82.', '176.', '37.', '88.', '109.', '212.'];
const webLibrary = { name: 'analytics.js', version: 'next-1.72.0' };
const appInfo = { name: 'Maison Lumière', version: '5.2.0', build: '5200' };

function ipFor(person: Person): string {
  const { rng } = person;
  return `${rng.pick(ispPrefixes)}${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

function baseContext(person: Person, kind: DeviceKind): SegmentContext {
  const { rng } = person;
  const consent = { categoryPreferences: { ...person.consent } };
  const common = { locale: person.locale, timezone: 'Europe/Paris', consent };
  if (kind !== 'app') {
    const agents = kind === 'desktop' ? desktopAgents : mobileAgents;
    return { ...common, userAgent: rng.pick(agents), library: webLibrary };
  }
  const ios = rng.chance(0.55);
  return {
    ...common,
    userAgent: ios
      ? 'MaisonLumiere/5.2.0 (iPhone; iOS 17.4; Scale/3.00)'
      : 'MaisonLumiere/5.2.0 (Linux; Android 14)',
    library: ios
      ? { name: 'analytics-ios', version: '4.1.8' }
      : { name: 'analytics-android', version: '4.11.3' },
    app: appInfo,
    device: ios
      ? { type: 'ios', manufacturer: 'Apple', model: rng.pick(['iPhone14,5', 'iPhone15,2', 'iPhone13,2']) }
      : { type: 'android', manufacturer: rng.pick(['Samsung', 'Google', 'Xiaomi']), model: 'SM-S911B' },
    os: ios ? { name: 'iOS', version: '17.4' } : { name: 'Android', version: '14' },
  };
}

/** The person's devices, created the first time each is used. */
export class DeviceShelf {
  private readonly devices = new Map<DeviceKind, Device>();

  constructor(
    private readonly person: Person,
    private readonly seed: number,
  ) {}

  /** The device of that kind (the household's shared computer for a household's desktop). */
  get(kind: DeviceKind): Device {
    let device = this.devices.get(kind);
    if (!device) {
      const shared = kind === 'desktop' && this.person.household !== null;
      device = {
        kind,
        anonymousId: shared ? (this.person.household?.sharedDeviceId ?? '') : this.anonymousId(kind, 0),
        generation: 0,
        loggedIn: false,
        shared,
        ip: ipFor(this.person),
        base: baseContext(this.person, kind),
      };
      this.devices.set(kind, device);
    }
    return device;
  }

  /** Cookies cleared or app reinstalled: a new anonymous id, logged out. */
  reset(device: Device): void {
    if (device.shared) return;
    device.generation += 1;
    device.anonymousId = this.anonymousId(device.kind, device.generation);
    device.loggedIn = false;
  }

  private anonymousId(kind: DeviceKind, generation: number): string {
    return uuidFrom(this.seed, this.person.index, labelHash(kind), generation);
  }
}
