// How much demo data each scale loads.

export interface SeedScale {
  enterprises: number;
  persons: number;
  activities: number;
}

export const SCALES = {
  /** For tests: every kind and state, small enough to reason about. */
  tiny: { enterprises: 120, persons: 1_200, activities: 300 },
  /** The demo that `npm start` loads. */
  small: { enterprises: 3_000, persons: 30_000, activities: 6_000 },
  /** The bench: about 20,000 associations, 1,000,000 people, 1,200,000 memberships, 200,000 activities. */
  large: { enterprises: 21_000, persons: 1_000_000, activities: 200_000 },
} satisfies Record<string, SeedScale>;

export type ScaleName = keyof typeof SCALES;
