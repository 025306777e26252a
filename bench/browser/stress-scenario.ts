/**
 * A stress variant of the flagship for the frame-time bench: the same incident with a few hundred
 * extra chat messages in the first 40 game minutes, so the incident screen is at its busiest.
 */
import { loadScenario } from '../../src/authoring';

/** A scenario file ready for the game's file picker, and what the bench needs to find it again. */
export interface StressScenario {
  fileName: string;
  buffer: Buffer;
  title: string;
  messageCount: number;
}

const OPENERS = ['Quick one:', 'FYI', 'Heads up,', 'Not urgent, but', 'Random thought:', 'Hmm,', 'Update:', 'Side note:'];
const SUBJECTS = [
  'the staging dashboard',
  'the sale banner',
  'the coffee machine',
  'the weekend rota',
  'the CDN bill',
  'the flaky e2e test',
  'the new on-call laptop',
  'the Q3 roadmap',
];
const TAILS = [
  'looks a bit odd today.',
  'is fine again, ignore me.',
  'came up in standup.',
  'needs a ticket at some point.',
  'is on my list for Monday.',
  'might be worth a look later.',
];

/** Builds the variant from the flagship's JSON text: `extra` messages spread evenly over `spreadSeconds`. */
export function stressScenario(flagshipJson: string, extra = 220, spreadSeconds = 2400): StressScenario {
  const data = JSON.parse(flagshipJson) as {
    id: string;
    version: string;
    title: string;
    channels: { id: string; kind: string }[];
    characters: { id: string }[];
    messages: Record<string, unknown>[];
  };
  const [major = '0', minor = '0'] = data.version.split('.');
  data.id = `${data.id}-stress`;
  data.version = `${major}.${Number(minor) + 1}.0`;
  data.title = `${data.title} (stress)`;
  const people = data.characters.map((c) => c.id).filter((id) => id !== 'pager' && id !== 'shipit');
  // A fixed little generator, so every run measures the same scenario.
  let seed = 482;
  const pick = <T>(list: readonly T[]): T => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return list[Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * list.length)]!;
  };
  for (let i = 0; i < extra; i++) {
    const channel = data.channels[i % data.channels.length]!;
    // A DM channel is between the player and one person: its id names them (dm-dana → dana).
    const dmPartner = channel.kind === 'dm' ? channel.id.replace(/^dm-/, '') : null;
    const from = dmPartner && people.includes(dmPartner) ? dmPartner : pick(people);
    data.messages.push({
      id: `stress-${i + 1}`,
      channel: channel.id,
      from,
      text: `${pick(OPENERS)} ${pick(SUBJECTS)} ${pick(TAILS)} (#${i + 1})`,
      at: Math.round(((i + 1) * spreadSeconds) / (extra + 1)),
      importance: i % 3 === 0 ? 'normal' : 'noise',
    });
  }
  const text = JSON.stringify(data, null, 2);
  const fileName = `${data.id}.json`;
  const loaded = loadScenario(text, fileName);
  if (!loaded.ok)
    throw new Error(`the stress scenario does not load: ${loaded.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return { fileName, buffer: Buffer.from(text), title: loaded.scenario.title, messageCount: loaded.scenario.messages.length };
}
