/**
 * A town's rules in one object: its configuration, its school calendar,
 * and the lookups every use case needs.
 */
import { SchoolCalendar } from './calendar.js';
import type { ServiceConfig, TownConfig } from './config.js';
import { zonedDate, type IsoDate } from './time.js';

export class Town {
  readonly calendar: SchoolCalendar;
  private readonly services: Map<string, ServiceConfig>;

  constructor(readonly config: TownConfig) {
    this.calendar = new SchoolCalendar(config.calendar);
    this.services = new Map(config.services.map((s) => [s.code, s]));
  }

  get timeZone(): string {
    return this.config.timeZone;
  }

  /** The services, in the configuration's order. */
  get serviceList(): readonly ServiceConfig[] {
    return this.config.services;
  }

  service(code: string): ServiceConfig | undefined {
    return this.services.get(code);
  }

  /** The town's civil date at `now`. */
  today(now: Date): IsoDate {
    return zonedDate(now, this.config.timeZone);
  }
}
