// A stand-in for LanguageTool's server class, for tests of ReviewDesk's local mode: started the way
// LanguageTool is started (java -cp JAR org.languagetool.server.HTTPServer -p PORT), it answers
// /v2/healthcheck, and /v2/languages and /v2/check with the recordings in REVIEWDESK_TEST_LT_DATA.
package org.languagetool.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class HTTPServer {
    public static void main(String[] args) throws IOException {
        int port = 8081;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-p")) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        Path data = Paths.get(System.getenv("REVIEWDESK_TEST_LT_DATA"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v2/healthcheck", ex -> send(ex, "OK".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/v2/languages", ex -> send(ex, Files.readAllBytes(data.resolve("languages.json"))));
        server.createContext("/v2/check", ex -> {
            ex.getRequestBody().readAllBytes();
            send(ex, Files.readAllBytes(data.resolve("check-normal.json")));
        });
        server.start();
    }

    private static void send(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }
}
