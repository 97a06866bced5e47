import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { QuoteRepository } from './quote.repository';

const PURGE_EVERY_MS = 60 * 60_000;

/**
 * Deletes quotes once they have been expired for QUOTE_RETENTION_DAYS (until then GET answers 410
 * Gone, afterwards 404). Runs hourly on instances that run background work (JOBS_ENABLED); deleting
 * the same rows from two instances at once is harmless.
 */
@Injectable()
export class QuotePurger implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QuotePurger.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly quotes: QuoteRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Deletes every quote expired before now minus the retention; returns how many. */
  async purge(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.QUOTE_RETENTION_DAYS * 86_400_000);
    let total = 0;
    for (;;) {
      const n = await this.quotes.deleteExpired(before);
      total += n;
      if (n < 5000) return total;
    }
  }

  onApplicationBootstrap(): void {
    if (!this.config.JOBS_ENABLED) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.purge()
        .then((n) => n > 0 && this.logger.log(`deleted ${n} expired quotes`))
        .catch((e: Error) => this.logger.warn(`deleting expired quotes failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
