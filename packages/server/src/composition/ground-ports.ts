import {
  CLOCK,
  type Clock,
  CONTACT_PLAN,
  COUNTERS,
  type ContactPlan,
  type Counters,
  DOWNLINK_LOG,
  type DownlinkLog,
  EVENT_PUBLISHER,
  type EventPublisher,
  type GroundPorts,
  type InhibitCatalog,
  type QueueCatalog,
  RANDOM,
  type Random,
  type SpacecraftLookup,
  type SubmissionChecks,
  TELECOMMAND_REPOSITORY,
  type TelecommandRepository,
  UPLINK,
  type Uplink,
} from "@uplink/core";
import type { DependencyContainer } from "tsyringe";
import { INHIBIT_CATALOG, QUEUE_CATALOG, SPACECRAFT_LOOKUP, SUBMISSION_CHECKS } from "./tokens.js";

/**
 * A ground's ports as registered in `c` under core's tokens, each resolved when core's ground
 * first needs it: an API process, which never makes a sender, never builds an uplink (nor the
 * simulated spacecraft behind it) or a contact plan.
 */
export function groundPorts(c: DependencyContainer): GroundPorts {
  return {
    get repository() {
      return c.resolve<TelecommandRepository>(TELECOMMAND_REPOSITORY);
    },
    get clock() {
      return c.resolve<Clock>(CLOCK);
    },
    get random() {
      return c.resolve<Random>(RANDOM);
    },
    get publisher() {
      return c.resolve<EventPublisher>(EVENT_PUBLISHER);
    },
    get downlinkLog() {
      return c.resolve<DownlinkLog>(DOWNLINK_LOG);
    },
    get uplink() {
      return c.resolve<Uplink>(UPLINK);
    },
    get contactPlan() {
      return c.resolve<ContactPlan>(CONTACT_PLAN);
    },
    get counters() {
      return c.resolve<Counters>(COUNTERS);
    },
    get checks() {
      return c.resolve<SubmissionChecks>(SUBMISSION_CHECKS);
    },
    get inhibits() {
      return c.resolve<InhibitCatalog>(INHIBIT_CATALOG);
    },
    get queues() {
      return c.resolve<QueueCatalog>(QUEUE_CATALOG);
    },
    get registry() {
      return c.resolve<SpacecraftLookup>(SPACECRAFT_LOOKUP);
    },
  };
}
