package io.scriptgram.sandbox;

/** One data centre of the sandbox: its id and where it listens (the server fills in the port it bound). */
public record DcInfo(int id, String ip, int port) {}
