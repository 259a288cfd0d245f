package io.github.cloudkit.security;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import io.github.cloudkit.support.ErrorBody;

/**
 * Tomcat's answer to requests it rejects before any servlet sees them (a malformed request line, an
 * oversized header, a bad Host, an unsupported method): the same short JSON as every other error, instead
 * of Tomcat's HTML page with its version in it.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		// 501 (unknown method such as CONNECT) and 505 (HTTP/2.0 on an HTTP/1.1 port) describe what the
		// client sent, not a failure of this server: answer them as the client errors they are.
		if (status == 501) {
			status = 405;
		}
		else if (status == 505) {
			status = 400;
		}
		try {
			response.setStatus(status);
			response.setContentType(ErrorBody.CONTENT_TYPE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ErrorBody.json(status, ErrorBody.REJECTED));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is already committed: nothing more to tell it
		}
	}

}
