package dev.lanyard.domain;

public enum DomainStatus { ENABLED, DISABLED }
