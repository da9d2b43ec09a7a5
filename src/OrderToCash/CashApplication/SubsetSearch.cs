namespace OrderToCash.CashApplication;

/// <summary>One way to choose items whose amounts add up to a payment.</summary>
/// <param name="Items">Positions into the candidate list, ascending.</param>
/// <param name="Discounted">Per chosen item: whether its discounted amount was used.</param>
public sealed record SubsetSolution(int[] Items, bool[] Discounted);

/// <summary>The solutions found (at most the number asked for) and whether the search stopped at a bound.</summary>
/// <param name="LargerAlsoFits">From <see cref="SubsetSearch.FindSmallest"/>: one more item fits too.</param>
public sealed record SubsetResult(IReadOnlyList<SubsetSolution> Solutions, bool HitNodeLimit, int Nodes = 0,
    bool LargerAlsoFits = false);

/// <summary>Exact subset-sum search over a customer's open items, with cash-discount variants.</summary>
/// <remarks>
/// Depth-first over the items sorted by amount, largest first, pruned when the sum overshoots or when what is
/// left cannot reach the target. Each item can be left out, taken at its open amount, or taken at its
/// discounted amount when a discount is allowed. A discounted item adds one minor unit of tolerance, because
/// customers round a discount their own way. The search stops after <c>maxSolutions</c> solutions (two are
/// enough to know a payment is ambiguous) or <c>maxNodes</c> steps; the latter is reported, never hidden.
/// </remarks>
public static class SubsetSearch
{
    /// <summary>
    /// The solutions with the fewest items: sizes are tried from one up, and the search stops at the first size
    /// that has any. A payment of one invoice is far likelier than five invoices adding up to the same amount.
    /// </summary>
    public static SubsetResult FindSmallest(IReadOnlyList<long> amounts, IReadOnlyList<long> discounted, long target,
        long toleranceMinor, int maxSize, int maxNodes)
    {
        var budget = maxNodes;
        for (var size = 1; size <= Math.Min(maxSize, amounts.Count); size++)
        {
            var result = Find(amounts, discounted, target, toleranceMinor, size, budget, 2, size);
            budget -= result.Nodes;
            if (result.HitNodeLimit) return result;
            if (result.Solutions.Count > 0)
            {
                // One invoice more that also fits (round amounts: 1,000 = 500 + 500) makes the answer doubtful.
                if (result.Solutions.Count > 1 || size == Math.Min(maxSize, amounts.Count)
                    || budget <= 0) return result;
                var larger = Find(amounts, discounted, target, toleranceMinor, size + 1, budget, 1, size + 1);
                return result with
                {
                    LargerAlsoFits = larger.Solutions.Count > 0, HitNodeLimit = larger.HitNodeLimit,
                    Nodes = result.Nodes + larger.Nodes,
                };
            }
            if (budget <= 0) return result with { HitNodeLimit = true };
        }
        return new SubsetResult([], false);
    }

    public static SubsetResult Find(IReadOnlyList<long> amounts, IReadOnlyList<long> discounted, long target,
        long toleranceMinor, int maxSize, int maxNodes, int maxSolutions = 2, int minSize = 1)
    {
        var n = amounts.Count;
        var order = Enumerable.Range(0, n).Where(i => amounts[i] > 0).OrderByDescending(i => amounts[i]).ToArray();
        var suffixMax = new long[order.Length + 1];
        var discountSlack = 0L;
        for (var k = order.Length - 1; k >= 0; k--)
        {
            suffixMax[k] = checked(suffixMax[k + 1] + amounts[order[k]]);
            if (discounted[order[k]] >= 0 && discounted[order[k]] < amounts[order[k]]) discountSlack++;
        }
        var search = new Search(amounts, discounted, order, suffixMax, target, toleranceMinor,
            Math.Min(discountSlack, maxSize), minSize, maxSize, maxNodes, maxSolutions);
        search.Run(0, 0, 0);
        return new SubsetResult(search.Solutions, search.HitNodeLimit, search.Nodes);
    }

    private sealed class Search(IReadOnlyList<long> amounts, IReadOnlyList<long> discounted, int[] order,
        long[] suffixMax, long target, long tolerance, long slack, int minSize, int maxSize, int maxNodes,
            int maxSolutions)
    {
        private readonly List<(int Item, bool Discounted)> _chosen = [];
        private int _nodes;
        public int Nodes => _nodes;
        public List<SubsetSolution> Solutions { get; } = [];
        public bool HitNodeLimit { get; private set; }

        private bool Done => HitNodeLimit || Solutions.Count >= maxSolutions;

        public void Run(int k, long sum, int discountCount)
        {
            if (Done) return;
            if (++_nodes > maxNodes) { HitNodeLimit = true; return; }
            if (_chosen.Count >= minSize && Math.Abs(sum - target) <= tolerance + discountCount) Record();
            if (_chosen.Count == maxSize || k == order.Length) return;
            if (sum + suffixMax[k] < target - tolerance - slack) return;
            for (var j = k; j < order.Length && !Done; j++)
            {
                var item = order[j];
                if (sum + suffixMax[j] < target - tolerance - slack) return;
                var full = sum + amounts[item];
                if (full <= target + tolerance + slack) Take(j, item, full, false, discountCount);
                var disc = discounted[item];
                if (disc >= 0 && disc < amounts[item] && sum + disc <= target + tolerance + slack)
                    Take(j, item, sum + disc, true, discountCount + 1);
            }
        }

        private void Take(int j, int item, long sum, bool isDiscounted, int discountCount)
        {
            _chosen.Add((item, isDiscounted));
            Run(j + 1, sum, discountCount);
            _chosen.RemoveAt(_chosen.Count - 1);
        }

        private void Record()
        {
            var sorted = _chosen.OrderBy(c => c.Item).ToArray();
            Solutions.Add(new SubsetSolution(sorted.Select(c => c.Item).ToArray(), sorted.Select(c =>
                c.Discounted).ToArray()));
        }
    }
}
