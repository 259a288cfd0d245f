package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Sleuth sampler settings the gateway is served ("rate: 10", "probability: 1.0"), to label the default
 * row: read from YAML files line by line, nested (sampler:) or flat (spring.sleuth.sampler.rate:), a later
 * file overriding an earlier one; a probability takes precedence over a rate, as in Sleuth 2.2. The harness
 * reads the files rather than asking the config server, which may require credentials.
 */
final class SamplerSettings {

	private SamplerSettings() {
	}

	static Optional<String> of(List<Path> yamlFiles) {
		List<String> texts = new ArrayList<>();
		for (Path file : yamlFiles) {
			try {
				texts.add(Files.readString(file));
			}
			catch (IOException ex) {
				// A missing file sets nothing.
			}
		}
		return parse(texts);
	}

	static Optional<String> parse(List<String> yamlTexts) {
		Map<String, String> values = new HashMap<>();
		for (String text : yamlTexts) {
			boolean inside = false;
			int depth = 0;
			for (String line : text.split("\n")) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				int indent = line.indexOf(trimmed.charAt(0));
				if (inside && indent <= depth) {
					inside = false;
				}
				if (trimmed.matches("sampler:\\s*(#.*)?")) {
					inside = true;
					depth = indent;
					continue;
				}
				String[] words = trimmed.split("\\s+");
				if (inside && words.length > 1 && (words[0].equals("rate:") || words[0].equals("probability:"))) {
					values.put(words[0], words[1]);
				}
				if (words.length > 1 && words[0].matches(".*spring\\.sleuth\\.sampler\\.(rate|probability):")) {
					values.put(words[0].substring(words[0].lastIndexOf('.') + 1), words[1]);
				}
			}
		}
		if (values.containsKey("probability:")) {
			return Optional.of("probability: " + values.get("probability:"));
		}
		return Optional.ofNullable(values.get("rate:")).map(rate -> "rate: " + rate);
	}

}
