package dev.embedkit.explore.mine;

/**
 * A group of near-duplicates: inputs joined by chains of pairs at or above the threshold.
 *
 * @param members input indices, ascending
 * @param representative the member with the highest mean similarity to the other members (lowest index on ties)
 * @param minScore the lowest score among the links that joined the group (a chain can join members that are less
 *     similar than this to each other)
 * @param maxScore the highest score among those links
 */
public record DuplicateGroup(int[] members, int representative, float minScore, float maxScore) {
  public int size() {
    return members.length;
  }
}
