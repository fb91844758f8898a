/**
 * Guest pages rendered per second (from guestView, with the real templates, five crew and four photos),
 * as the median of several timed runs after a warm-up. Prints one line; returns the numbers.
 */
import { loadBrands } from '../src/config/brands';
import { guestView } from '../src/domain';
import { createGuestRenderer } from '../src/guest';
import { aBooking, aBookingInput } from '../test/helpers/fixtures';

const RUNS = 7;
const PAGES_PER_RUN = 2_000;
const WARM_UP_PAGES = 500;

export interface GuestPageBenchResult {
  medianPagesPerSecond: number;
  runs: number[];
  bytesPerPage: number;
}

export default function benchGuestPages(): GuestPageBenchResult {
  const brands = loadBrands('templates');
  const renderer = createGuestRenderer({ templatesDir: 'templates' });
  const input = aBookingInput({
    crew: ['Ana Ruiz', 'Ben Okafor', 'Cleo Marsh', 'Dev Patel', 'Eli Moss'].map((name, i) => ({
      crewId: `c${i}`,
      name,
      role: i === 0 ? 'captain' : i === 4 ? 'hostess' : 'crew',
      hourlyRateCents: 3000,
    })),
  });
  const views = brands.all.map((brand) => ({
    brand,
    view: guestView(
      aBooking({ domain: brand.domain, status: 'confirmed' }, { ...input, domain: brand.domain }),
    ),
  }));
  const photos = [1, 2, 3, 4].map((n) => `photos/bk-test-0001/photo-${n}.jpg`);
  let bytes = 0;
  const renderMany = (count: number) => {
    for (let i = 0; i < count; i++) {
      const { view, brand } = views[i % views.length]!;
      bytes = renderer.renderGuestPage({ view, brand, photos }).length;
    }
  };

  renderMany(WARM_UP_PAGES);
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    renderMany(PAGES_PER_RUN);
    runs.push(Math.round(PAGES_PER_RUN / ((performance.now() - started) / 1000)));
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `guest pages: median ${median} pages/s over ${RUNS} runs of ${PAGES_PER_RUN} (runs: ${runs.join(', ')}; ${bytes} bytes/page)`,
  );
  return { medianPagesPerSecond: median, runs, bytesPerPage: bytes };
}
