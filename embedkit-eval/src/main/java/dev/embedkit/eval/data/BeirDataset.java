package dev.embedkit.eval.data;

import dev.embedkit.EmbedkitException;
import dev.embedkit.input.HeaderMode;
import dev.embedkit.input.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A retrieval dataset in the BEIR layout: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/SPLIT.tsv} (header, then query-id, corpus-id,
 * score). A document's text is built as MTEB's and BEIR's dense retrievers build it: {@code (title + " " + text)}
 * stripped. Only queries judged in the split are evaluated. Judgements naming a query or document that does not exist
 * are counted ({@link #unknownQueryJudgements}, {@link #unknownDocumentJudgements}): a judgement of a missing query is
 * dropped; a judgement of a missing document is kept, as pytrec_eval keeps it (it counts as relevant, never retrieved).
 *
 * @param corpusIds document ids in file order
 * @param corpusTexts document texts, title and text joined
 * @param queryIds ids of the evaluated queries (judged in the split), in queries.jsonl order
 * @param queryTexts their texts
 * @param qrels judgements per evaluated query: document id to grade
 */
public record BeirDataset(
    List<String> corpusIds,
    List<String> corpusTexts,
    List<String> queryIds,
    List<String> queryTexts,
    Map<String, Map<String, Integer>> qrels,
    int unknownQueryJudgements,
    int unknownDocumentJudgements) {

  public static BeirDataset read(Path dir, String split) {
    if (!Files.isDirectory(dir)) {
      throw EmbedkitException.notFound("no such dataset folder: " + dir + " (expected corpus.jsonl, queries.jsonl, qrels/)");
    }
    Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
    if (!Files.isRegularFile(qrelsFile)) {
      throw EmbedkitException.notFound("no split '" + split + "' in " + dir + ": " + qrelsFile + " is missing; splits: "
          + splits(dir));
    }
    List<String> corpusIds = new ArrayList<>();
    List<String> corpusTexts = new ArrayList<>();
    Map<String, Boolean> seen = new HashMap<>();
    Path corpusFile = dir.resolve("corpus.jsonl");
    JsonLines.forEach(corpusFile, (line, node) -> {
      String id = JsonLines.text(node, "_id", corpusFile, line);
      if (seen.put(id, Boolean.TRUE) != null) {
        throw EmbedkitException.invalidInput(corpusFile + " line " + line + ": duplicate _id '" + id + "'");
      }
      corpusIds.add(id);
      corpusTexts.add(documentText(JsonLines.optionalText(node, "title"), JsonLines.text(node, "text", corpusFile, line)));
    });
    if (corpusIds.isEmpty()) {
      throw EmbedkitException.invalidInput(corpusFile + " has no documents");
    }
    Map<String, String> queries = new LinkedHashMap<>();
    Path queriesFile = dir.resolve("queries.jsonl");
    JsonLines.forEach(queriesFile, (line, node) ->
        queries.put(JsonLines.text(node, "_id", queriesFile, line), JsonLines.text(node, "text", queriesFile, line)));

    Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
    int unknownQueries = 0;
    int unknownDocs = 0;
    // BEIR's qrels start with the header "query-id corpus-id score"
    List<TableReader.Row> rows = TableFile.read(qrelsFile, HeaderMode.PRESENT, List.of(), List.of()).rows();
    for (TableReader.Row row : rows) {
      if (row.fields().size() < 3) {
        throw EmbedkitException.invalidInput(qrelsFile + " line " + row.line() + ": expected query-id, corpus-id, score; found "
            + row.fields().size() + " fields");
      }
      int grade;
      try {
        grade = Integer.parseInt(row.fields().get(2).trim());
      } catch (NumberFormatException e) {
        throw EmbedkitException.invalidInput(qrelsFile + " line " + row.line() + ": score '" + row.fields().get(2)
            + "' is not an integer");
      }
      String qid = row.fields().get(0);
      String did = row.fields().get(1);
      if (!queries.containsKey(qid)) {
        unknownQueries++;
        continue;
      }
      if (!seen.containsKey(did)) {
        unknownDocs++;
      }
      judged.computeIfAbsent(qid, q -> new HashMap<>()).put(did, grade);
    }
    if (judged.isEmpty()) {
      throw EmbedkitException.invalidInput("split '" + split + "' of " + dir + " judges no known query (" + (rows.size() - 1)
          + " judgements, " + unknownQueries + " of unknown queries); nothing to evaluate");
    }
    List<String> queryIds = new ArrayList<>();
    List<String> queryTexts = new ArrayList<>();
    queries.forEach((id, text) -> {
      if (judged.containsKey(id)) {
        queryIds.add(id);
        queryTexts.add(text);
      }
    });
    return new BeirDataset(corpusIds, corpusTexts, queryIds, queryTexts, judged, unknownQueries, unknownDocs);
  }

  /** MTEB: {@code (doc["title"] + " " + doc["text"]).strip()}. */
  public static String documentText(String title, String text) {
    return (title + " " + text).strip();
  }

  private static String splits(Path dir) {
    try (Stream<Path> files = Files.list(dir.resolve("qrels"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
      return names.isEmpty() ? "(none)" : String.join(", ", names);
    } catch (IOException e) {
      return "(no qrels folder)";
    }
  }
}
