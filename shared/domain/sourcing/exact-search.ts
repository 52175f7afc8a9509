/**
 * The exact optimiser behind sourcing, in index space so the search touches only typed arrays.
 *
 * Candidates are numbered in preference order (priority, then id): a smaller number is a more
 * preferred location. Between plans equal on everything else, the lower sum of preference ranks
 * wins, then the ascending member lists compared one by one.
 *
 * Lines are independent: a line may be split over any of the chosen locations, so a set of
 * locations can fill the order exactly when, line by line, their capacities add up to the demand.
 * Which units come from where never changes the cost (a shipment costs its fixed cost plus its
 * distance cost, whatever it carries), so the search only has to choose the set.
 */

export interface SearchProblem {
  readonly lineCount: number;
  /** Units wanted per line. */
  readonly demand: Int32Array;
  readonly candidateCount: number;
  /** capacity[candidate * lineCount + line]: units the candidate can give the line, never above its demand. */
  readonly capacity: Int32Array;
  /** 1 when the candidate's promise date misses the requested-by date. */
  readonly late: Uint8Array;
  /** Cost of one shipment from the candidate, integer minor units. */
  readonly cost: Float64Array;
  /**
   * The candidate's place in the preference order (priority, then id) of all the request's
   * locations: the same for a location whichever candidates a problem holds. Candidate numbers
   * follow the same order.
   */
  readonly rank: Int32Array;
}

export interface Selection {
  /** Candidate numbers, ascending. */
  readonly members: readonly number[];
  readonly units: number;
  readonly late: number;
  readonly cost: number;
  /** The members' preference ranks added up: lower means more preferred locations overall. */
  readonly rankSum: number;
}

function compareMembers(a: readonly number[], b: readonly number[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i += 1) {
    const difference = a[i]! - b[i]!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * Among plans with as many shipments: fewer late shipments, then lower cost, then more preferred
 * locations: the lower sum of preference ranks, then member by member, most preferred first.
 */
export function compareEqualSizedPlans(a: Selection, b: Selection): number {
  return a.late - b.late || a.cost - b.cost || a.rankSum - b.rankSum || compareMembers(a.members, b.members);
}

/** When not everything can ship: more units, then fewer shipments, then as for equal-sized plans. */
export function compareShortfallPlans(a: Selection, b: Selection): number {
  return b.units - a.units || a.members.length - b.members.length || compareEqualSizedPlans(a, b);
}

/**
 * Cost and preference in one additive number per candidate: cost × weight + rank, the weight
 * above any plan's rank sum, so sums compare exactly as (cost, rank sum) do and the search can
 * bound preference the way it bounds cost.
 */
function costWithPreference(problem: SearchProblem, maxShipments: number): Float64Array {
  const weight = (problem.rank.reduce((most, rank) => Math.max(most, rank), 0) + 1) * maxShipments + 1;
  return problem.cost.map((cost, candidate) => cost * weight + problem.rank[candidate]!);
}

/** Look-up tables built once per problem. */
interface SearchIndex {
  readonly problem: SearchProblem;
  /** 32-bit words per line mask. */
  readonly words: number;
  /** Per line: the candidates that can give it something, on-time before late, then cheapest, then most preferred. */
  readonly holders: readonly Int32Array[];
  /** Per line: where the late candidates start in `holders`. */
  readonly firstLateHolder: Int32Array;
  /** Per line: the same candidates, largest capacity first. */
  readonly byCapacity: readonly Int32Array[];
  /** Per candidate: the lines it can give something to. */
  readonly linesOf: readonly Int32Array[];
  /** Per candidate, a bit per line it can give something to. */
  readonly presence: Uint32Array;
  /** Per candidate, a bit per line it can fill on its own. */
  readonly fullness: Uint32Array;
  /** Candidates that can give anything at all, in (late, cost, number) order. */
  readonly useful: Int32Array;
}

function buildIndex(problem: SearchProblem): SearchIndex {
  const { lineCount, candidateCount, capacity, late, cost, demand } = problem;
  const words = Math.max(1, Math.ceil(lineCount / 32));
  const presence = new Uint32Array(candidateCount * words);
  const fullness = new Uint32Array(candidateCount * words);
  const holderCounts = new Int32Array(lineCount);
  const linesOf: Int32Array[] = [];
  const useful: number[] = [];
  for (let candidate = 0; candidate < candidateCount; candidate += 1) {
    const lines: number[] = [];
    for (let line = 0; line < lineCount; line += 1) {
      const units = capacity[candidate * lineCount + line]!;
      if (units <= 0) continue;
      lines.push(line);
      holderCounts[line] = holderCounts[line]! + 1;
      const word = candidate * words + (line >>> 5);
      const bit = 1 << (line & 31);
      presence[word] = presence[word]! | bit;
      if (units >= demand[line]!) fullness[word] = fullness[word]! | bit;
    }
    linesOf.push(new Int32Array(lines));
    if (lines.length > 0) useful.push(candidate);
  }
  useful.sort((a, b) => late[a]! - late[b]! || cost[a]! - cost[b]! || a - b);
  // Filling each line's holders from the sorted candidates keeps them in (late, cost, number) order.
  const holders = Array.from(holderCounts, (count) => new Int32Array(count));
  const filled = new Int32Array(lineCount);
  for (const candidate of useful) {
    for (const line of linesOf[candidate]!) {
      holders[line]![filled[line]!] = candidate;
      filled[line] = filled[line]! + 1;
    }
  }
  const firstLateHolder = Int32Array.from(holders, (list) => {
    const index = list.findIndex((candidate) => late[candidate] === 1);
    return index === -1 ? list.length : index;
  });
  // Largest capacity first, then by number: encoded as one number each so a plain numeric sort does it.
  const byCapacity = holders.map((list, line) => {
    const keys = new Float64Array(list.length);
    for (let i = 0; i < list.length; i += 1) {
      const candidate = list[i]!;
      keys[i] = (demand[line]! - capacity[candidate * lineCount + line]!) * candidateCount + candidate;
    }
    keys.sort();
    const ordered = new Int32Array(list.length);
    for (let i = 0; i < keys.length; i += 1) ordered[i] = keys[i]! % candidateCount;
    return ordered;
  });
  return { problem, words, holders, firstLateHolder, byCapacity, linesOf, presence, fullness, useful: new Int32Array(useful) };
}

const totalDemand = (problem: SearchProblem) => problem.demand.reduce((sum, units) => sum + units, 0);

/**
 * A lower bound on the shipments any cover needs: for each line, how many of its largest holders
 * it takes to fill it. Infinity when even all of them together cannot.
 */
function fewestShipmentsAnyCoverNeeds(index: SearchIndex): number {
  const { demand, capacity, lineCount } = index.problem;
  let needed = 0;
  for (let line = 0; line < lineCount; line += 1) {
    let units = 0;
    let count = 0;
    for (const candidate of index.byCapacity[line]!) {
      if (units >= demand[line]!) break;
      units += capacity[candidate * lineCount + line]!;
      count += 1;
    }
    if (units < demand[line]!) return Infinity;
    needed = Math.max(needed, count);
  }
  return needed;
}

function selectionOf(problem: SearchProblem, members: readonly number[], units: number): Selection {
  let late = 0;
  let cost = 0;
  let rankSum = 0;
  for (const member of members) {
    late += problem.late[member]!;
    cost += problem.cost[member]!;
    rankSum += problem.rank[member]!;
  }
  return { members: [...members].sort((a, b) => a - b), units, late, cost, rankSum };
}

/** The common case: one location holds everything. `useful` is in key order, so the first is the best. */
function bestSingleCover(index: SearchIndex): Selection | undefined {
  const { problem, words, fullness } = index;
  const wanted = new Uint32Array(words);
  for (let line = 0; line < problem.lineCount; line += 1) {
    if (problem.demand[line]! > 0) wanted[line >>> 5] = wanted[line >>> 5]! | (1 << (line & 31));
  }
  for (const candidate of index.useful) {
    let fillsAll = true;
    for (let word = 0; word < words && fillsAll; word += 1) {
      fillsAll = (wanted[word]! & ~fullness[candidate * words + word]!) === 0;
    }
    if (fillsAll) return selectionOf(problem, [candidate], totalDemand(problem));
  }
  return undefined;
}

/**
 * For each candidate, how many others dominate it (capped at `limit`): another candidate dominates
 * it when it can give at least as much to every line and is better on (late, cost, preference).
 * A candidate with `size` dominators is never in the best plan of `size` shipments: such a plan
 * leaves out at least one dominator, and swapping it in keeps the plan feasible and makes it better.
 */
function countDominators(index: SearchIndex, limit: number): Int32Array {
  const { problem, words, presence, useful } = index;
  const { capacity, lineCount } = problem;
  const dominators = new Int32Array(problem.candidateCount);
  for (let position = 1; position < useful.length; position += 1) {
    const candidate = useful[position]!;
    const lines = index.linesOf[candidate]!;
    let found = 0;
    for (let earlier = 0; earlier < position && found < limit; earlier += 1) {
      const rival = useful[earlier]!;
      let holdsEveryLine = true;
      for (let word = 0; word < words && holdsEveryLine; word += 1) {
        holdsEveryLine = (presence[candidate * words + word]! & ~presence[rival * words + word]!) === 0;
      }
      if (!holdsEveryLine) continue;
      let givesAsMuch = true;
      for (let i = 0; i < lines.length && givesAsMuch; i += 1) {
        const line = lines[i]!;
        givesAsMuch = capacity[rival * lineCount + line]! >= capacity[candidate * lineCount + line]!;
      }
      if (givesAsMuch) found += 1;
    }
    dominators[candidate] = found;
  }
  return dominators;
}

/**
 * Per line, the candidates that can give it at least some number of units, as bitsets over the
 * candidates' (late, cost, number) positions: intersecting them finds every candidate that fills
 * several lines at once, and the lowest set bit is the best of them.
 */
class FillerSets {
  /** Per line, the distinct capacities its holders have, ascending, and a lazily built set per capacity. */
  private readonly levels: Int32Array[];
  private readonly sets: (Uint32Array | undefined)[][];
  private readonly counts: Int32Array[];
  private readonly levelByUnits: (Int32Array | undefined)[];
  readonly words: number;
  /** Each useful candidate's position in (late, cost, number) order: its bit in every set. */
  readonly position: Int32Array;

  constructor(private readonly index: SearchIndex) {
    const { lineCount, capacity, candidateCount } = index.problem;
    // Distinct capacities, ascending: byCapacity lists them largest first.
    this.levels = index.byCapacity.map((list, line) => {
      const levels: number[] = [];
      for (let i = list.length - 1; i >= 0; i -= 1) {
        const units = capacity[list[i]! * lineCount + line]!;
        if (levels.length === 0 || levels[levels.length - 1] !== units) levels.push(units);
      }
      return new Int32Array(levels);
    });
    this.sets = this.levels.map((levels) => new Array<Uint32Array | undefined>(levels.length));
    this.counts = this.levels.map((levels) => new Int32Array(levels.length));
    // A direct look-up from units to level for the usual small quantities; large ones use binary search.
    this.levelByUnits = this.levels.map((levels, line) => {
      const demand = index.problem.demand[line]!;
      if (demand > 4096) return undefined;
      const table = new Int32Array(demand + 1).fill(-1);
      let level = 0;
      for (let units = 0; units <= demand; units += 1) {
        while (level < levels.length && levels[level]! < units) level += 1;
        table[units] = level < levels.length ? level : -1;
      }
      return table;
    });
    this.words = Math.max(1, Math.ceil(index.useful.length / 32));
    this.position = new Int32Array(candidateCount).fill(-1);
    index.useful.forEach((candidate, at) => (this.position[candidate] = at));
  }

  /** Candidates that can give the line at least `units`; undefined when none can. */
  atLeast(line: number, units: number): Uint32Array | undefined {
    const level = this.levelOf(line, units);
    if (level === -1) return undefined;
    return this.sets[line]![level] ?? this.build(line, level);
  }

  /** How many candidates can give the line at least `units`. */
  countAtLeast(line: number, units: number): number {
    const level = this.levelOf(line, units);
    if (level === -1) return 0;
    if (!this.sets[line]![level]) this.build(line, level);
    return this.counts[line]![level]!;
  }

  /** The index of the smallest capacity of at least `units`, or -1. */
  private levelOf(line: number, units: number): number {
    const table = this.levelByUnits[line];
    if (table !== undefined) return units < table.length ? table[units]! : -1;
    const levels = this.levels[line]!;
    let low = 0;
    let high = levels.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (levels[middle]! < units) low = middle + 1;
      else high = middle;
    }
    return low === levels.length ? -1 : low;
  }

  private build(line: number, level: number): Uint32Array {
    const atLeast = this.levels[line]![level]!;
    const bits = new Uint32Array(this.words);
    const { lineCount, capacity } = this.index.problem;
    let count = 0;
    for (const candidate of this.index.holders[line]!) {
      if (capacity[candidate * lineCount + line]! < atLeast) continue;
      const at = this.position[candidate]!;
      bits[at >>> 5] = bits[at >>> 5]! | (1 << (at & 31));
      count += 1;
    }
    this.sets[line]![level] = bits;
    this.counts[line]![level] = count;
    return bits;
  }
}

/** What one pass of the cover search looks for. */
interface CoverQuest {
  /** Covers with exactly this many late locations; undefined: any number. */
  readonly lateCount?: number;
  /** Stop at the first cover found: the pass only asks whether one exists. */
  readonly firstOnly: boolean;
  /** A cover already known, so bounds prune from the start. */
  readonly seed?: Selection;
}

/**
 * Covers with exactly `size` shipments, given that no smaller cover exists (so every chosen
 * location must give something to a line still open when it is chosen).
 *
 * Returns the first cover found, or the cheapest (ties to the most preferred locations), among
 * those with the quest's number of late locations. Fixing the number of late locations lets the
 * search prune on cost alone; the caller tries 0, 1, 2 … late so the first count with a cover is
 * the fewest.
 *
 * Branch and bound in the style of exact set cover: take the open line with the fewest open
 * holders; some holder of it must be in the cover, so branch on each, and exclude the holders
 * already tried from later branches, which partitions the covers so each is seen once. A node
 * is cut when the remaining locations cannot fill some line even with their largest holdings,
 * or when the cheapest allowed holders of the open lines show no completion can beat the best
 * cover so far. With two locations to go, the last one is found directly: intersect, over the
 * lines the second-to-last leaves open, the sets of candidates that can fill them.
 */
function searchCoversOfSize(
  index: SearchIndex,
  size: number,
  dominators: Int32Array,
  fillers: FillerSets,
  value: Float64Array,
  { lateCount, firstOnly, seed }: CoverQuest,
): Selection | undefined {
  const { problem, holders, firstLateHolder, byCapacity, linesOf, useful } = index;
  const { lineCount, capacity, late, demand } = problem;
  const anyLateCount = lateCount === undefined;
  const units = totalDemand(problem);
  const residual = new Int32Array(demand);
  let openLines = residual.reduce((count, wanted) => count + (wanted > 0 ? 1 : 0), 0);

  const { position, words: positionWords } = fillers;
  // Positions are in (late, cost, number) order: the on-time candidates first, cheapest first, then the late ones.
  const lateFrom = useful.findIndex((candidate) => late[candidate] === 1);
  const firstLatePosition = lateFrom === -1 ? useful.length : lateFrom;
  const blocked = new Uint8Array(problem.candidateCount).fill(1);
  const openBits = new Uint32Array(positionWords);
  const openHolders = new Int32Array(lineCount);
  const openOnTimeHolders = new Int32Array(lineCount);
  const block = (candidate: number) => {
    blocked[candidate] = 1;
    const at = position[candidate]!;
    openBits[at >>> 5] = openBits[at >>> 5]! & ~(1 << (at & 31));
    const onTime = late[candidate] === 0;
    for (const line of linesOf[candidate]!) {
      openHolders[line] = openHolders[line]! - 1;
      if (onTime) openOnTimeHolders[line] = openOnTimeHolders[line]! - 1;
    }
  };
  const unblock = (candidate: number) => {
    blocked[candidate] = 0;
    const at = position[candidate]!;
    openBits[at >>> 5] = openBits[at >>> 5]! | (1 << (at & 31));
    const onTime = late[candidate] === 0;
    for (const line of linesOf[candidate]!) {
      openHolders[line] = openHolders[line]! + 1;
      if (onTime) openOnTimeHolders[line] = openOnTimeHolders[line]! + 1;
    }
  };
  const closeBit = (candidate: number) => {
    const at = position[candidate]!;
    openBits[at >>> 5] = openBits[at >>> 5]! & ~(1 << (at & 31));
  };
  const openBit = (candidate: number) => {
    const at = position[candidate]!;
    openBits[at >>> 5] = openBits[at >>> 5]! | (1 << (at & 31));
  };
  // With no late location allowed, late ones are out of the search altogether.
  for (const candidate of useful) {
    if (dominators[candidate]! < size && !(lateCount === 0 && late[candidate] === 1)) unblock(candidate);
  }

  const chosen: number[] = [];
  let chosenLate = 0;
  let chosenValue = 0;
  let best: Selection | undefined = seed;
  // Every bound below is on `value` (cost with preference, see costWithPreference); this is the best cover's.
  let bestValue = seed === undefined ? Infinity : seed.members.reduce((sum, member) => sum + value[member]!, 0);
  let found = false;
  const undoLines: number[] = [];
  const undoUnits: number[] = [];
  const excluded: number[] = [];
  const take = (candidate: number) => {
    const mark = undoLines.length;
    chosen.push(candidate);
    chosenLate += late[candidate]!;
    chosenValue += value[candidate]!;
    for (const line of linesOf[candidate]!) {
      const wanted = residual[line]!;
      if (wanted === 0) continue;
      const given = Math.min(wanted, capacity[candidate * lineCount + line]!);
      residual[line] = wanted - given;
      if (wanted === given) openLines -= 1;
      undoLines.push(line);
      undoUnits.push(given);
    }
    return mark;
  };
  const untake = (candidate: number, mark: number) => {
    while (undoLines.length > mark) {
      const line = undoLines.pop()!;
      if (residual[line] === 0) openLines += 1;
      residual[line] = residual[line]! + undoUnits.pop()!;
    }
    chosen.pop();
    chosenLate -= late[candidate]!;
    chosenValue -= value[candidate]!;
  };
  /** Positive when a cover of this cost-with-preference is worse than the best so far, zero on a tie. */
  const versusBest = (total: number) => (best === undefined ? -1 : total - bestValue);
  const record = (members: readonly number[]) => {
    const candidate = selectionOf(problem, members, units);
    if (best === undefined || compareEqualSizedPlans(candidate, best) < 0) {
      best = candidate;
      bestValue = members.reduce((sum, member) => sum + value[member]!, 0);
    }
    found = true;
  };
  /** On an exact tie in cost and rank sum, could this node still reach more preferred locations than the best? */
  const mayBeMorePreferred = (remaining: number) => {
    const members = [...chosen];
    for (let candidate = 0; candidate < problem.candidateCount && members.length < chosen.length + remaining; candidate += 1) {
      if (blocked[candidate] === 1) continue;
      if (linesOf[candidate]!.some((line) => residual[line]! > 0)) members.push(candidate);
    }
    return compareMembers(members.sort((a, b) => a - b), best!.members) < 0;
  };

  const stillNeeded: Uint32Array[] = new Array<Uint32Array>(lineCount);
  /** With two locations to go: per open line, who can fill all of it (the last one, if the other gives nothing there). */
  const fillsWhole: (Uint32Array | undefined)[] = new Array(lineCount);
  // The open lines, those fewest candidates can fill first: intersecting those first empties the intersection soonest.
  const openLinesSparsestFirst = new Int32Array(lineCount);
  const fillerCount = new Int32Array(lineCount);
  let openLineCount = 0;
  /**
   * With the second-to-last location taken (and closed to the search), the last must fill what is left on
   * every line: the best such location is the lowest open bit in the intersection.
   */
  const finishWithOne = (secondToLast: number) => {
    let from = 0;
    let to = useful.length;
    if (!anyLateCount) {
      const lateStillNeeded = lateCount - chosenLate - late[secondToLast]!;
      if (lateStillNeeded === 0) to = firstLatePosition;
      else if (lateStillNeeded === 1) from = firstLatePosition;
      else return;
    }
    if (best !== undefined) {
      // Positions run cheapest first within each lateness, so an affordable last location comes before `to`.
      const affordable = bestValue - chosenValue - value[secondToLast]!;
      let low = from;
      let high = to;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (value[useful[middle]!]! <= affordable) low = middle + 1;
        else high = middle;
      }
      to = low;
    }
    if (from >= to) return;
    let needed = 0;
    for (let i = 0; i < openLineCount; i += 1) {
      const line = openLinesSparsestFirst[i]!;
      const open = residual[line]!;
      const given = capacity[secondToLast * lineCount + line]!;
      if (given >= open) continue;
      const bits = given === 0 ? fillsWhole[line] : fillers.atLeast(line, open - given);
      if (!bits) return;
      stillNeeded[needed++] = bits;
    }
    for (let word = from >>> 5; word * 32 < to; word += 1) {
      let candidates = openBits[word]!;
      if (word === from >>> 5) candidates &= ~0 << (from & 31);
      for (let i = 0; i < needed && candidates !== 0; i += 1) candidates &= stillNeeded[i]![word]!;
      if (candidates === 0) continue;
      const at = word * 32 + (31 - Math.clz32(candidates & -candidates));
      if (at >= to) return;
      const last = useful[at]!;
      if (versusBest(chosenValue + value[secondToLast]! + value[last]!) <= 0) record([...chosen, secondToLast, last]);
      return;
    }
  };

  // Per depth, the candidates the node branches on, as a bitset over positions.
  const branchSets = new Uint32Array((size + 1) * positionWords);

  const search = (remaining: number): void => {
    // How many of the remaining locations must be late, unless any number may.
    const lateToAdd = anyLateCount ? -1 : lateCount - chosenLate;
    if (!anyLateCount && (lateToAdd < 0 || lateToAdd > remaining)) return;
    const onTimeAllowed = anyLateCount || lateToAdd < remaining;
    const lateAllowed = anyLateCount || lateToAdd > 0;
    const branchBase = chosen.length * positionWords;
    branchSets.set(openBits, branchBase);
    let branchLine = -1;
    let fewestHolders = Infinity;
    let valueFloorOfHardestLine = 0;
    let valueFloorOfAnyLine = Infinity;
    for (let line = 0; line < lineCount; line += 1) {
      const wanted = residual[line]!;
      if (wanted === 0) continue;
      // Once every late location allowed is chosen, only on-time holders count.
      const open = lateAllowed ? openHolders[line]! : openOnTimeHolders[line]!;
      if (open === 0) return;
      let reachable = 0;
      let counted = 0;
      const largestFirst = byCapacity[line]!;
      for (let i = 0; i < largestFirst.length && counted < remaining && reachable < wanted; i += 1) {
        const candidate = largestFirst[i]!;
        if (blocked[candidate] === 1 || (!lateAllowed && late[candidate] === 1)) continue;
        reachable += capacity[candidate * lineCount + line]!;
        counted += 1;
      }
      if (reachable < wanted) return;
      // Filling the line takes all the remaining locations: each of them must hold it.
      if (counted === remaining) {
        const holdersOfLine = fillers.atLeast(line, 1)!;
        for (let word = 0; word < positionWords; word += 1) branchSets[branchBase + word]! &= holdersOfLine[word]!;
      }
      // The floors bound branches even when the first cover turns up only later in this node's loop.
      if (!firstOnly) {
        const lineHolders = holders[line]!;
        const firstLate = firstLateHolder[line]!;
        let valueFloor = Infinity;
        if (onTimeAllowed) {
          for (let i = 0; i < firstLate; i += 1) {
            if (blocked[lineHolders[i]!] === 0) {
              valueFloor = value[lineHolders[i]!]!;
              break;
            }
          }
        }
        if (lateAllowed) {
          for (let i = firstLate; i < lineHolders.length; i += 1) {
            if (blocked[lineHolders[i]!] === 0) {
              valueFloor = Math.min(valueFloor, value[lineHolders[i]!]!);
              break;
            }
          }
        }
        if (valueFloor === Infinity) return;
        valueFloorOfHardestLine = Math.max(valueFloorOfHardestLine, valueFloor);
        valueFloorOfAnyLine = Math.min(valueFloorOfAnyLine, valueFloor);
      }
      if (open < fewestHolders) {
        fewestHolders = open;
        branchLine = line;
      }
    }
    // One of the remaining locations holds the hardest line; every other one holds some open line.
    const others = remaining - 1;
    if (best !== undefined) {
      const boundVersusBest = versusBest(chosenValue + valueFloorOfHardestLine + others * valueFloorOfAnyLine);
      if (boundVersusBest > 0 || (boundVersusBest === 0 && !mayBeMorePreferred(remaining))) return;
    }
    if (remaining === 2) {
      openLineCount = 0;
      for (let line = 0; line < lineCount; line += 1) {
        if (residual[line] === 0) continue;
        fillsWhole[line] = fillers.atLeast(line, residual[line]!);
        fillerCount[line] = fillers.countAtLeast(line, residual[line]!);
        let at = openLineCount;
        while (at > 0 && fillerCount[openLinesSparsestFirst[at - 1]!]! > fillerCount[line]!) {
          openLinesSparsestFirst[at] = openLinesSparsestFirst[at - 1]!;
          at -= 1;
        }
        openLinesSparsestFirst[at] = line;
        openLineCount += 1;
      }
    }
    const holdersOfBranchLine = fillers.atLeast(branchLine, 1)!;
    for (let word = 0; word < positionWords; word += 1) branchSets[branchBase + word]! &= holdersOfBranchLine[word]!;
    const excludedMark = excluded.length;
    for (let word = 0; word < positionWords && !(firstOnly && found); word += 1) {
      let bits = branchSets[branchBase + word]!;
      while (bits !== 0 && !(firstOnly && found)) {
        const lowest = bits & -bits;
        bits ^= lowest;
        const candidate = useful[word * 32 + (31 - Math.clz32(lowest))]!;
        if (late[candidate] === 1 ? !lateAllowed : !onTimeAllowed) continue;
        // Later branches are the covers without this candidate; so are those of an unaffordable one.
        // With two to go only the open bits matter below, so the holder counts can stay as they are.
        if (remaining === 2) closeBit(candidate);
        else block(candidate);
        excluded.push(candidate);
        if (best !== undefined && versusBest(chosenValue + value[candidate]! + others * valueFloorOfAnyLine) > 0) continue;
        if (remaining === 2) {
          finishWithOne(candidate);
          continue;
        }
        const mark = take(candidate);
        if (openLines === 0) record(chosen);
        else search(remaining - 1);
        untake(candidate, mark);
      }
    }
    if (remaining === 2) while (excluded.length > excludedMark) openBit(excluded.pop()!);
    else while (excluded.length > excludedMark) unblock(excluded.pop()!);
  };

  if (openLines === 0) return selectionOf(problem, [], 0);
  search(size);
  return best;
}

/**
 * The cover with the fewest shipments (at most `maxShipments`), and among those the fewest late
 * ones, the lowest cost and the most preferred locations; undefined when no such cover exists.
 * Sizes are tried from a proven lower bound upwards, so the first size with a cover is the
 * minimum; then late counts from 0 up to that of the first cover found, so the first count with
 * a cover is the fewest.
 */
export function findBestCover(problem: SearchProblem, maxShipments: number): Selection | undefined {
  const index = buildIndex(problem);
  if (totalDemand(problem) === 0) return selectionOf(problem, [], 0);
  const lowerBound = fewestShipmentsAnyCoverNeeds(index);
  if (lowerBound > maxShipments) return undefined;
  if (lowerBound <= 1) {
    const single = bestSingleCover(index);
    if (single) return single;
  }
  const dominators = countDominators(index, maxShipments);
  const fillers = new FillerSets(index);
  const value = costWithPreference(problem, maxShipments);
  const search = (size: number, quest: CoverQuest) => searchCoversOfSize(index, size, dominators, fillers, value, quest);
  for (let size = Math.max(2, lowerBound); size <= maxShipments; size += 1) {
    const first = search(size, { firstOnly: true });
    if (!first) continue;
    // A quick first cover with each late count seeds the search for the cheapest one.
    for (let lateCount = 0; lateCount < first.late; lateCount += 1) {
      const seed = search(size, { lateCount, firstOnly: true });
      if (seed) return search(size, { lateCount, firstOnly: false, seed });
    }
    return search(size, { lateCount: first.late, firstOnly: false, seed: first });
  }
  return undefined;
}

/**
 * When no cover fits in `maxShipments`: the at most `maxShipments` locations that ship the most
 * units, then the fewest shipments, late shipments, cost and the most preferred locations.
 *
 * Branch and bound, each node trying the open candidates that add the most units first and
 * excluding each from its later siblings, so every set is seen once. Units are submodular (what a
 * location adds only shrinks as others join), so what m more locations can add is at most the m
 * largest single additions: that bounds every branch, and it only shrinks along the siblings.
 */
export function findMostUnits(problem: SearchProblem, maxShipments: number): Selection {
  const index = buildIndex(problem);
  const { lineCount, capacity, late, cost } = problem;
  const dominators = countDominators(index, maxShipments);
  const pool = Array.from(index.useful).filter((candidate) => dominators[candidate]! < maxShipments);
  const keyPosition = new Int32Array(problem.candidateCount);
  index.useful.forEach((candidate, at) => (keyPosition[candidate] = at));

  const residual = new Int32Array(problem.demand);
  let wanted = totalDemand(problem);
  const excluded = new Uint8Array(problem.candidateCount);
  const chosen: number[] = [];
  let shipped = 0;
  let chosenLate = 0;
  let chosenCost = 0;
  let best: Selection = selectionOf(problem, [], 0);
  const given: number[] = [];

  const gainOf = (candidate: number) => {
    let gain = 0;
    for (const line of index.linesOf[candidate]!) gain += Math.min(residual[line]!, capacity[candidate * lineCount + line]!);
    return gain;
  };
  const take = (candidate: number) => {
    for (const line of index.linesOf[candidate]!) {
      const units = Math.min(residual[line]!, capacity[candidate * lineCount + line]!);
      residual[line] = residual[line]! - units;
      shipped += units;
      wanted -= units;
      given.push(units);
    }
    chosen.push(candidate);
    chosenLate += late[candidate]!;
    chosenCost += cost[candidate]!;
  };
  const untake = (candidate: number) => {
    const lines = index.linesOf[candidate]!;
    for (let i = lines.length - 1; i >= 0; i -= 1) {
      const units = given.pop()!;
      residual[lines[i]!] = residual[lines[i]!]! + units;
      shipped -= units;
      wanted += units;
    }
    chosen.pop();
    chosenLate -= late[candidate]!;
    chosenCost -= cost[candidate]!;
  };

  const search = (remaining: number): void => {
    const options = pool.filter((candidate) => excluded[candidate] === 0 && !chosen.includes(candidate));
    const gains = new Map(options.map((candidate) => [candidate, gainOf(candidate)]));
    const ordered = options
      .filter((candidate) => gains.get(candidate)! > 0)
      .sort((a, b) => gains.get(b)! - gains.get(a)! || keyPosition[a]! - keyPosition[b]!);
    // From position i on: the cheapest cost and the fewest late, for the bound on ties.
    const cheapestFrom = new Float64Array(ordered.length + 1).fill(Infinity);
    const fewestLateFrom = new Float64Array(ordered.length + 1).fill(Infinity);
    for (let i = ordered.length - 1; i >= 0; i -= 1) {
      cheapestFrom[i] = Math.min(cheapestFrom[i + 1]!, cost[ordered[i]!]!);
      fewestLateFrom[i] = Math.min(fewestLateFrom[i + 1]!, late[ordered[i]!]!);
    }
    const depth = chosen.length;
    const tried: number[] = [];
    for (let i = 0; i < ordered.length; i += 1) {
      // What adding a locations from here on can ship at most, for a = 1 … remaining.
      let reachable = shipped;
      let beatsOnUnits = false;
      let tiesFrom = 0;
      for (let a = 1; a <= remaining && i + a - 1 < ordered.length; a += 1) {
        reachable = Math.min(shipped + wanted, reachable + gains.get(ordered[i + a - 1]!)!);
        if (reachable > best.units) beatsOnUnits = true;
        else if (reachable === best.units && tiesFrom === 0) tiesFrom = a;
      }
      if (!beatsOnUnits) {
        // Only a tie on units is left: it needs at least `tiesFrom` more locations and must not cost more.
        if (tiesFrom === 0) break;
        const count = depth + tiesFrom;
        if (count > best.members.length) break;
        if (count === best.members.length) {
          const lateBound = chosenLate + tiesFrom * fewestLateFrom[i]!;
          const costBound = chosenCost + tiesFrom * cheapestFrom[i]!;
          if (lateBound > best.late || (lateBound === best.late && costBound > best.cost)) break;
        }
      }
      const candidate = ordered[i]!;
      take(candidate);
      const selection = selectionOf(problem, chosen, shipped);
      if (compareShortfallPlans(selection, best) < 0) best = selection;
      if (remaining > 1 && wanted > 0) search(remaining - 1);
      untake(candidate);
      excluded[candidate] = 1;
      tried.push(candidate);
    }
    for (const candidate of tried) excluded[candidate] = 0;
  };
  search(maxShipments);
  return best;
}
