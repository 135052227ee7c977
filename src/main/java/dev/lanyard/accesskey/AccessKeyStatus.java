package dev.lanyard.accesskey;

public enum AccessKeyStatus { ENABLED, DISABLED }
