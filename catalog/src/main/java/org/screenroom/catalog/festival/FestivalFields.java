package org.screenroom.catalog.festival;

/**
 * The editable fields of a festival; null leaves a field empty.
 *
 * @param startsOn ISO date
 * @param endsOn ISO date
 */
public record FestivalFields(String name, String edition, String startsOn, String endsOn,
    String webhookUrl, String webhookSecret) {}
