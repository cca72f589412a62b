package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

/**
 * A rule's reference to an exception list, resolved against the lists loaded with the rules.
 *
 * @param id the list's saved-object id
 * @param listId the list's stable id, which items refer to
 * @param type {@code detection}, {@code endpoint} or {@code rule_default}
 * @param namespaceType {@code single} (one space) or {@code agnostic} (all spaces)
 */
public record ExceptionListReference(String id, String listId, String type, String namespaceType) {
  public ExceptionListReference {
    requireNonNull(id, "id is null");
    requireNonNull(listId, "listId is null");
    requireNonNull(type, "type is null");
    requireNonNull(namespaceType, "namespaceType is null");
  }
}
