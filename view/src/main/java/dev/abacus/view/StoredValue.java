package dev.abacus.view;

/** One value as the view holds it; replaced whole on every applied event, so readers never see half an update. */
record StoredValue(double value, long version, long updatedAtEpochMilli) {}
