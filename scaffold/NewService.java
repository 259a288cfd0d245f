import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./platform new-service <name> [--path /prefix]}: a new application service, made from sample-service, the
 * one template the kit ships and tests. Every check runs before anything is written; then the module and the edits
 * of the shared files are written together, or (should writing fail half way) taken back. Nothing is committed.
 * Run by the JDK's source launcher ({@code java NewService.java <kit root> <arguments>}), so it needs no build.
 */
public class NewService {

	static final String TEMPLATE = "sample-service";

	static final String TEMPLATE_PACKAGE = "io.github.cloudkit.sample";

	static final String TEMPLATE_CLASS_PREFIX = "SampleService";

	/** What Eureka, Cloud Foundry, Docker and DNS all accept: lowercase words joined by single hyphens. */
	static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

	/** A DNS label is at most 63 characters; this leaves room for Cloud Foundry's and Compose's suffixes. */
	static final int MAX_NAME_LENGTH = 40;

	static final Pattern PATH = Pattern.compile("(/[a-z0-9]+(-[a-z0-9]+)*)+");

	/** The gateway's own paths, and what its ignored-patterns block: no route may take them. */
	static final List<String> GATEWAY_PATHS = List.of("/actuator", "/error", "/eureka", "/swagger-ui", "/swagger-ui.html",
			"/v3", "/webjars", "/heapdump", "/jolokia");

	/** Directories of the kit that are not services, and so not names a service can take either. */
	static final Set<String> KIT_DIRECTORIES = Set.of("bench", "config-repo", "docker", "docs", "manifests", "prometheus",
			"scaffold", "platform", "target");

	static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
			"char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
			"float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
			"package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
			"synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
			"null", "var", "record", "yield");

	static final String USAGE = "usage: ./platform new-service <name> [--path /prefix]  (e.g. order-service --path /orders)";

	/** Bad input: one line for the user, exit status 1 (2 for usage), nothing written. */
	static final class Refusal extends RuntimeException {

		final int status;

		Refusal(String message) {
			this(message, 1);
		}

		Refusal(String message, int status) {
			super(message);
			this.status = status;
		}

	}

	public static void main(String[] arguments) {
		try {
			if (arguments.length < 1) {
				throw new Refusal(USAGE, 2);
			}
			NewService scaffold = new NewService(Path.of(arguments[0]).toAbsolutePath().normalize());
			Plan plan = scaffold.plan(List.of(arguments).subList(1, arguments.length));
			scaffold.write(plan);
			scaffold.report(plan);
		}
		catch (Refusal refusal) {
			System.err.println("platform: new-service: " + refusal.getMessage());
			System.exit(refusal.status);
		}
	}

	final Path root;

	NewService(Path root) {
		this.root = root;
	}

	/** Everything the command writes, decided before the first byte is. */
	record Plan(String name, String path, String routeName, Map<Path, String> newFiles, Map<Path, String> editedFiles) {
	}

	Plan plan(List<String> arguments) {
		String name = null;
		String path = null;
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			if (argument.equals("--path") && i + 1 < arguments.size()) {
				path = arguments.get(++i);
			}
			else if (argument.startsWith("--path=")) {
				path = argument.substring("--path=".length());
			}
			else if (argument.startsWith("-") || name != null) {
				throw new Refusal("unexpected argument '" + argument + "'; " + USAGE, 2);
			}
			else {
				name = argument;
			}
		}
		if (name == null) {
			throw new Refusal(USAGE, 2);
		}
		checkName(name);
		path = path == null ? "/" + plural(stem(name)) : path;
		checkPath(path);
		String routeName = path.substring(1).replace('/', '-');

		Path gatewayConfig = root.resolve("config-repo/edge-gateway.yml");
		String gateway = read(gatewayConfig);
		checkNotTaken(name, path, routeName, gateway);
		checkConfigRepositoryClean();

		Map<Path, String> edited = new LinkedHashMap<>();
		edited.put(root.resolve("pom.xml"), withModule(read(root.resolve("pom.xml")), name));
		edited.put(gatewayConfig, withEagerLoad(withRoute(gateway, routeName, path, name), name));
		Path manifest = root.resolve("manifests/manifest.yml");
		edited.put(manifest, withCopiedBlock(read(manifest), "- name: " + TEMPLATE, name));
		Path compose = root.resolve("docker-compose.yml");
		edited.put(compose, withCopiedBlock(read(compose), "  " + TEMPLATE + ":", name));

		Map<Path, String> created = new TreeMap<>();
		for (Path file : templateFiles()) {
			String relative = root.resolve(TEMPLATE).relativize(file).toString();
			created.put(root.resolve(name).resolve(renamed(relative, name)), renamed(read(file), name));
		}
		created.put(root.resolve("config-repo").resolve(name + ".yml"),
				renamed(read(root.resolve("config-repo").resolve(TEMPLATE + ".yml")), name));
		return new Plan(name, path, routeName, created, edited);
	}

	static void checkName(String name) {
		if (name.length() > MAX_NAME_LENGTH) {
			throw new Refusal("'" + name + "' is longer than " + MAX_NAME_LENGTH + " characters");
		}
		if (!NAME.matcher(name).matches()) {
			throw new Refusal("'" + name + "' is not a valid application name: lowercase letters, digits and single "
					+ "hyphens, starting with a letter (e.g. order-service)");
		}
		String javaPackage = javaPackage(name);
		if (JAVA_KEYWORDS.contains(javaPackage)) {
			throw new Refusal("'" + name + "' would make the Java package " + TEMPLATE_PACKAGE.replace("sample", javaPackage)
					+ ", and '" + javaPackage + "' is a Java keyword; choose another name");
		}
	}

	static void checkPath(String path) {
		if (!PATH.matcher(path).matches()) {
			throw new Refusal("--path '" + path + "' is not a route prefix: /lowercase-words[/more], e.g. /orders");
		}
		for (String reserved : GATEWAY_PATHS) {
			if (overlaps(path, reserved)) {
				throw new Refusal("--path '" + path + "' is the gateway's own (" + reserved + "); choose another prefix");
			}
		}
	}

	void checkNotTaken(String name, String path, String routeName, String gateway) {
		if (name.equals(TEMPLATE) || KIT_DIRECTORIES.contains(name) || Files.exists(root.resolve(name))) {
			throw new Refusal("'" + name + "' is taken: " + name + "/ already exists in the kit");
		}
		if (modules(read(root.resolve("pom.xml"))).contains(name)) {
			throw new Refusal("'" + name + "' is taken: the root pom.xml already lists the module");
		}
		if (Files.exists(root.resolve("config-repo").resolve(name + ".yml"))) {
			throw new Refusal("'" + name + "' is taken: config-repo/" + name + ".yml already exists");
		}
		List<Route> routes = routes(gateway);
		for (Route route : routes) {
			if (route.path() != null && overlaps(path, prefixOf(route.path()))) {
				throw new Refusal("--path '" + path + "' is already routed: route '" + route.name() + "' (" + route.path()
						+ ") takes it; choose another with --path");
			}
		}
		for (Route route : routes) {
			if (name.equals(route.serviceId())) {
				throw new Refusal("'" + name + "' is taken: the gateway's route '" + route.name() + "' already goes to it");
			}
			if (route.name().equals(routeName)) {
				throw new Refusal("the gateway already has a route named '" + routeName + "'; choose another with --path");
			}
		}
	}

	/** The config server serves commits; what this writes there must be committed on its own, after a review. */
	void checkConfigRepositoryClean() {
		Path repository = root.resolve("config-repo");
		if (!git(repository, "rev-parse", "--is-inside-work-tree").startsWith("true")) {
			return; // not under Git yet: ./platform up makes it a repository, with what is written here in it
		}
		String changes = git(repository, "status", "--porcelain", "--", ".");
		if (!changes.isBlank()) {
			throw new Refusal("config-repo/ has uncommitted changes (" + changes.lines().count()
					+ " file(s), see git status); commit or stash them first");
		}
	}

	// --- The template ---

	List<Path> templateFiles() {
		Path template = root.resolve(TEMPLATE);
		try (Stream<Path> files = Files.walk(template)) {
			return files.filter(Files::isRegularFile)
					.filter(file -> !template.relativize(file).startsWith("target"))
					.filter(file -> !file.getFileName().toString().endsWith(".iml"))
					.sorted()
					.collect(Collectors.toList());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The template's names, in file paths and contents, become the new service's. */
	static String renamed(String text, String name) {
		String javaPackage = javaPackage(name);
		return text.replace(TEMPLATE_PACKAGE, TEMPLATE_PACKAGE.replace("sample", javaPackage))
				.replace(TEMPLATE_PACKAGE.replace('.', '/'), TEMPLATE_PACKAGE.replace('.', '/').replace("sample", javaPackage))
				.replace(TEMPLATE_CLASS_PREFIX, classPrefix(name))
				.replace(TEMPLATE, name);
	}

	/** order-service -> order; the application name without "-service". */
	static String stem(String name) {
		return name.endsWith("-service") && name.length() > "-service".length()
				? name.substring(0, name.length() - "-service".length()) : name;
	}

	/** A REST collection's name: order -> orders, inventory -> inventories, address -> address (already ends in s). */
	static String plural(String word) {
		if (word.endsWith("s")) {
			return word;
		}
		if (word.endsWith("x") || word.endsWith("z") || word.endsWith("ch") || word.endsWith("sh")) {
			return word + "es";
		}
		if (word.matches(".*[^aeiou]y")) {
			return word.substring(0, word.length() - 1) + "ies";
		}
		return word + "s";
	}

	static String javaPackage(String name) {
		return stem(name).replace("-", "");
	}

	/** order-service -> OrderService, so SampleServiceApplication becomes OrderServiceApplication. */
	static String classPrefix(String name) {
		StringBuilder prefix = new StringBuilder();
		for (String word : name.split("-")) {
			prefix.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		return prefix.toString();
	}

	// --- The shared files ---

	static final Pattern MODULE = Pattern.compile("^(\\s*)<module>([^<]+)</module>", Pattern.MULTILINE);

	static List<String> modules(String pom) {
		List<String> modules = new ArrayList<>();
		Matcher module = MODULE.matcher(pom);
		while (module.find()) {
			modules.add(module.group(2).trim());
		}
		return modules;
	}

	/** Right after the template's module: with the services, before the test and benchmark modules. */
	static String withModule(String pom, String name) {
		Matcher module = MODULE.matcher(pom);
		while (module.find()) {
			if (module.group(2).trim().equals(TEMPLATE)) {
				int lineEnd = pom.indexOf('\n', module.end()) + 1;
				return pom.substring(0, lineEnd) + module.group(1).replace("\n", "") + "<module>" + name + "</module>\n"
						+ pom.substring(lineEnd);
			}
		}
		throw new Refusal("the root pom.xml does not list the template module " + TEMPLATE);
	}

	record Route(String name, String path, String serviceId) {
	}

	/** zuul.routes of edge-gateway.yml: two-space YAML, each route a key four spaces in. */
	static List<Route> routes(String gateway) {
		List<String> lines = gateway.lines().collect(Collectors.toList());
		int start = routesStart(lines);
		List<Route> routes = new ArrayList<>();
		String routeName = null;
		String path = null;
		String serviceId = null;
		for (int i = start + 1; i < lines.size() && !endsBlock(lines.get(i), 2); i++) {
			String line = lines.get(i);
			Matcher key = Pattern.compile("^    ([A-Za-z0-9_.-]+):\\s*(#.*)?$").matcher(line);
			Matcher value = Pattern.compile("^      ([A-Za-z-]+):\\s*['\"]?([^'\"#\\s]*)").matcher(line);
			if (key.find()) {
				if (routeName != null) {
					routes.add(new Route(routeName, path, serviceId));
				}
				routeName = key.group(1);
				path = null;
				serviceId = null;
			}
			else if (value.find() && routeName != null) {
				if (value.group(1).equals("path")) {
					path = value.group(2);
				}
				else if (value.group(1).equals("serviceId") || value.group(1).equals("service-id")) {
					serviceId = value.group(2);
				}
			}
		}
		if (routeName != null) {
			routes.add(new Route(routeName, path, serviceId));
		}
		return routes;
	}

	static int routesStart(List<String> lines) {
		int zuul = lines.indexOf("zuul:");
		for (int i = zuul + 1; zuul >= 0 && i < lines.size() && !endsBlock(lines.get(i), 0); i++) {
			if (lines.get(i).equals("  routes:")) {
				return i;
			}
		}
		throw new Refusal("config-repo/edge-gateway.yml has no zuul.routes block to add the route to");
	}

	/** A line that is neither blank nor a comment, at this indent or less: the block above has ended. */
	static boolean endsBlock(String line, int indent) {
		String stripped = line.strip();
		if (stripped.isEmpty()) {
			return false;
		}
		int lineIndent = line.length() - line.stripLeading().length();
		return lineIndent <= indent && !(stripped.startsWith("#") && lineIndent > indent);
	}

	/** The new route goes after the last one, before the comments that introduce zuul's next key. */
	static String withRoute(String gateway, String routeName, String path, String name) {
		List<String> lines = gateway.lines().collect(Collectors.toList());
		int end = routesStart(lines) + 1;
		int lastRouteLine = end - 1;
		for (; end < lines.size() && !endsBlock(lines.get(end), 2); end++) {
			if (!lines.get(end).isBlank()) {
				lastRouteLine = end;
			}
		}
		List<String> route = List.of(
				"    # " + path + "/** -> " + name + "'s \"/\" (made by ./platform new-service). No cookies or credentials",
				"    # either way until the service authenticates its callers (see the first route).",
				"    " + routeName + ":",
				"      path: " + path + "/**",
				"      serviceId: " + name,
				"      sensitive-headers: Cookie,Set-Cookie,Authorization");
		lines.addAll(lastRouteLine + 1, route);
		return String.join("\n", lines) + "\n";
	}

	/** ribbon.eager-load.clients, a comma-separated list. */
	static String withEagerLoad(String gateway, String name) {
		Matcher clients = Pattern.compile("(?m)^(ribbon:\\n(?:(?:  .*|\\s*)\\n)*?  eager-load:\\n(?:(?:    .*|\\s*)\\n)*?    clients: )(.*)$")
				.matcher(gateway);
		if (!clients.find()) {
			throw new Refusal("config-repo/edge-gateway.yml has no ribbon.eager-load.clients list to add " + name + " to");
		}
		return gateway.substring(0, clients.end(2)) + "," + name + gateway.substring(clients.end(2));
	}

	/**
	 * The template's block of a YAML list or map (its header line, up to the next line as far in or less, comments
	 * at that depth belonging to what follows), copied after itself under the new name.
	 */
	static String withCopiedBlock(String yaml, String header, String name) {
		List<String> lines = yaml.lines().collect(Collectors.toList());
		int start = lines.indexOf(header);
		if (start < 0) {
			throw new Refusal("no '" + header.strip() + "' entry to copy for " + name);
		}
		int indent = header.length() - header.stripLeading().length();
		int end = start + 1;
		while (end < lines.size() && !endsBlock(lines.get(end), indent)) {
			end++;
		}
		while (end > start + 1 && lines.get(end - 1).isBlank()) {
			end--;
		}
		List<String> copy = lines.subList(start, end).stream().map(line -> renamed(line, name)).collect(Collectors.toList());
		List<String> result = new ArrayList<>(lines.subList(0, end));
		result.add("");
		result.addAll(copy);
		result.addAll(lines.subList(end, lines.size()));
		return String.join("\n", result) + "\n";
	}

	static String prefixOf(String routePath) {
		return routePath.replaceAll("/\\*\\*$", "").replaceAll("/\\*$", "");
	}

	static boolean overlaps(String path, String other) {
		return path.equals(other) || path.startsWith(other + "/") || other.startsWith(path + "/");
	}

	// --- Writing ---

	/** The module appears in one rename; if a shared file cannot be written, everything written is taken back. */
	void write(Plan plan) {
		Path module = root.resolve(plan.name());
		Path staging = null;
		boolean moduleWritten = false;
		Map<Path, String> originals = new LinkedHashMap<>();
		List<Path> createdOutsideModule = new ArrayList<>();
		try {
			staging = Files.createTempDirectory(root, ".new-service-");
			for (Map.Entry<Path, String> file : plan.newFiles().entrySet()) {
				if (file.getKey().startsWith(module)) {
					Path target = staging.resolve(module.relativize(file.getKey()));
					Files.createDirectories(target.getParent());
					Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
				}
			}
			Files.move(staging, module, StandardCopyOption.ATOMIC_MOVE);
			moduleWritten = true;
			for (Map.Entry<Path, String> file : plan.newFiles().entrySet()) {
				if (!file.getKey().startsWith(module)) {
					createdOutsideModule.add(file.getKey());
					replace(file.getKey(), file.getValue());
				}
			}
			for (Map.Entry<Path, String> file : plan.editedFiles().entrySet()) {
				originals.put(file.getKey(), read(file.getKey()));
				replace(file.getKey(), file.getValue());
			}
		}
		catch (IOException | UncheckedIOException e) {
			originals.forEach((file, text) -> {
				try {
					replace(file, text);
				}
				catch (IOException notRestored) {
					System.err.println("platform: new-service: could not restore " + file + "; git checkout -- " + file);
				}
			});
			createdOutsideModule.forEach(file -> file.toFile().delete());
			deleteTree(moduleWritten ? module : staging);
			throw new Refusal("writing failed (" + e.getMessage() + "); nothing is left written");
		}
	}

	static void replace(Path file, String text) throws IOException {
		Path temporary = file.resolveSibling("." + file.getFileName() + ".new-service");
		Files.writeString(temporary, text, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	static void deleteTree(Path directory) {
		if (directory == null || !Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException ignored) {
			System.err.println("platform: new-service: could not delete " + directory);
		}
	}

	void report(Plan plan) {
		System.out.println("Made " + plan.name() + " from " + TEMPLATE + " (routed at " + plan.path() + "/**):");
		plan.newFiles().forEach((file, text) -> System.out.printf("  new     %-70s %4d lines%n", root.relativize(file),
				text.lines().count()));
		plan.editedFiles().keySet().forEach(file -> System.out.printf("  changed %s%n", root.relativize(file)));
		System.out.println();
		System.out.println("Nothing is committed. Review it, then (the config server serves commits only):");
		System.out.println("  git add " + plan.name() + " config-repo pom.xml manifests docker-compose.yml && git commit -m 'Add "
				+ plan.name() + "'");
		System.out.println("  ./mvnw -B -q package -DskipTests");
		System.out.println("  ./platform up          # already up? it starts the new instances; the commit gave the gateway its route");
		System.out.println("  curl localhost:${GATEWAY_PORT:-8080}" + plan.path() + "/items");
	}

	// --- Files and Git ---

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new Refusal("cannot read " + file + " (" + e.getMessage() + ")");
		}
	}

	static String git(Path directory, String... arguments) {
		List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new Refusal("git " + String.join(" ", arguments) + " did not finish in 30 s");
			}
			return process.exitValue() == 0 ? output : "";
		}
		catch (IOException e) {
			return ""; // no git on the machine: the same as no repository
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new Refusal("interrupted");
		}
	}

}
