package dev.lanyard.app;

/** A disabled app cannot start a login or get tokens. BasicUI starts disabled until "Allow Access". */
public enum AppStatus { ENABLED, DISABLED }
