package io.canopy.root.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.result.UpdateResult;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-modify-write of one document with an optimistic version check, retried on conflict. This is
 * the only way stored records change after insert, so two writers (an API call and a cluster's
 * report) never overwrite each other: the loser re-reads and re-applies its change. The write sets
 * only the fields that changed; the one exception to this rule, an instance's usage history, is
 * appended by an atomic push that neither reads nor bumps the version and that no change touches.
 */
@Component
public class VersionedUpdates {
  private static final int ATTEMPTS = 50;

  private final MongoTemplate mongo;

  VersionedUpdates(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * Applies {@code change} to the stored document. The change may return its argument unchanged
   * (nothing is written) and must be free of side effects: it may run more than once.
   *
   * @return the document as stored afterwards; empty when it does not exist
   */
  public <T extends VersionedDocument> Optional<T> update(
      Class<T> type, String id, UnaryOperator<T> change) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      T current = mongo.findById(id, type);
      if (current == null) {
        return Optional.empty();
      }
      T changed = change.apply(current);
      if (changed == null || changed.equals(current)) {
        return Optional.of(current);
      }
      Document before = new Document();
      mongo.getConverter().write(current, before);
      Document after = new Document();
      mongo.getConverter().write(changed, after);
      UpdateResult result =
          mongo
              .getCollection(mongo.getCollectionName(type))
              .updateOne(
                  Filters.and(
                      Filters.eq("_id", after.get("_id")),
                      Filters.eq("version", current.version())),
                  difference(before, after, current.version() + 1));
      if (result.getMatchedCount() == 1) {
        return Optional.ofNullable(mongo.findById(id, type));
      }
      Thread.onSpinWait();
    }
    throw new OptimisticLockingFailureException(
        "gave up updating "
            + type.getSimpleName()
            + " "
            + id
            + " after "
            + ATTEMPTS
            + " conflicts");
  }

  /**
   * Sets only the fields the change touched (and removes those it cleared), so fields that other,
   * atomic updates maintain on the same document (an instance's usage history) stay as they are.
   */
  static Document difference(Document before, Document after, long nextVersion) {
    Document set = new Document();
    after.forEach(
        (field, value) -> {
          if (!field.equals("_id") && !Objects.equals(before.get(field), value)) {
            set.put(field, value);
          }
        });
    set.put("version", nextVersion);
    Document unset = new Document();
    before.keySet().stream()
        .filter(field -> !after.containsKey(field))
        .forEach(field -> unset.put(field, ""));
    Document update = new Document("$set", set);
    if (!unset.isEmpty()) {
      update.put("$unset", unset);
    }
    return update;
  }
}
