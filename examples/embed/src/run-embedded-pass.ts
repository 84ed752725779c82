import {
  createCommandSender,
  type DownlinkFrame,
  DownlinkProcessor,
  InMemoryDownlinkLog,
  InMemoryTelecommandRepository,
  InProcessEventPublisher,
  ManualClock,
  PeriodicContactPlan,
  SeededRandom,
  TelecommandService,
  type TransitionEvent,
  type Uplink,
  type UplinkCommand,
} from "@uplink/core";

const START = Date.parse("2030-01-01T00:00:00Z");
const MINUTE = 60_000;

/**
 * Embeds the core with its in-memory adapters and a manual clock: three commands are submitted
 * before a ground-station pass, the sender uplinks them when the pass opens, and hand-written
 * verification frames (one out of order, one duplicated) come back through the downlink
 * processor. Returns every published transition, in order.
 */
export async function runEmbeddedPass(): Promise<TransitionEvent[]> {
  const clock = new ManualClock(START);
  const random = new SeededRandom(2030);
  const publisher = new InProcessEventPublisher();
  const repository = new InMemoryTelecommandRepository();
  const service = new TelecommandService(repository, clock, random, publisher);
  // A 10-minute pass every 90 minutes, the first opening 30 minutes after START.
  const contactPlan = new PeriodicContactPlan({
    periodMs: 90 * MINUTE,
    durationMs: 10 * MINUTE,
    offsetMs: 30 * MINUTE,
  });
  const uplinked: UplinkCommand[] = [];
  const uplink: Uplink = {
    async send(command) {
      uplinked.push(command);
      return { ok: true };
    },
  };
  const sender = createCommandSender(
    { service, repository, clock, random, uplink, contactPlan },
    { owner: "embed-example", transmitDelayMaxMs: 5_000 },
  );
  const downlink = new DownlinkProcessor(service, new InMemoryDownlinkLog(), clock);

  const events: TransitionEvent[] = [];
  publisher.subscribe((event) => {
    events.push(event);
    sender.observe(event);
  });
  sender.start();

  const { command: heater } = await service.submit({
    name: "HEATER_ON",
    args: { zone: "battery" },
    priority: 5,
  });
  const { command: camera } = await service.submit({ name: "CAMERA_CAPTURE", args: { exposureMs: 20 } });
  const { command: antenna } = await service.submit({ name: "DEPLOY_ANTENNA", args: { panel: 2 } });
  sender.nudge("sc-1");

  await clock.advanceToAsync(START + 31 * MINUTE); // the pass is open and every transmit delay has run out
  if (uplinked.length !== 3) throw new Error(`expected three uplinked commands, got ${uplinked.length}`);

  let seq = 0;
  const frame = (body: Omit<DownlinkFrame, "spacecraftId" | "seq" | "time">): DownlinkFrame => ({
    spacecraftId: "sc-1",
    seq: ++seq,
    time: clock.now(),
    ...body,
  });
  const acceptHeater = frame({ type: "acceptance", commandId: heater.id, success: true });
  const completeHeater = frame({ type: "completion", commandId: heater.id, success: true });
  const acceptCamera = frame({ type: "acceptance", commandId: camera.id, success: true });
  const failCamera = frame({
    type: "completion",
    commandId: camera.id,
    success: false,
    reason: "shutter stuck",
  });
  const rejectAntenna = frame({
    type: "acceptance",
    commandId: antenna.id,
    success: false,
    reason: "unknown panel",
  });

  await downlink.receive([acceptHeater, acceptCamera]);
  await downlink.receive([failCamera, completeHeater, completeHeater]); // out of order, and a duplicate
  await downlink.receive(rejectAntenna);
  await clock.advanceAsync(MINUTE);
  await sender.stop();
  await downlink.stop();
  return events;
}
