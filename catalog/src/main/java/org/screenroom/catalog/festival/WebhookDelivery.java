package org.screenroom.catalog.festival;

import java.time.Instant;

/**
 * One webhook POST and its attempts so far.
 *
 * @param status {@code pending}, {@code delivered} or {@code failed} (gave up)
 * @param lastCode the last HTTP status received, or null (none, or a network failure)
 * @param lastError the last failure in words, or null
 */
public record WebhookDelivery(String id, String festivalId, String event, String url,
    String payload, int attempts, String status, Integer lastCode, String lastError,
    Instant createdAt, Instant updatedAt) {}
