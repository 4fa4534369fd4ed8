package io.drautopilot.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;

/**
 * Finds, in compiled classes, every call to an AWS SDK for Java v2 client, waiter or paginator method
 * (direct invocations and method references), with the class that makes it.
 *
 * <p>Only the owner and the method name are recorded here; {@link AwsOperations} turns them into the
 * API operation and the IAM action.
 */
final class AwsCallScanner {

  /** One call site: {@code owner} is the internal name of the SDK type (e.g. {@code software/amazon/awssdk/services/dynamodb/DynamoDbClient}). */
  record Call(String owner, String method, String caller) implements Comparable<Call> {
    @Override
    public int compareTo(Call o) {
      return (owner + '#' + method + '@' + caller)
          .compareTo(o.owner + '#' + o.method + '@' + o.caller);
    }
  }

  static final String SDK_PREFIX = "software/amazon/awssdk/";

  /** Calls between the project's own classes are kept too: they show who uses a hand-written SigV4 client. */
  static final String PROJECT_PREFIX = "io/drautopilot/";

  static final String SIGV4_SIGNER = SDK_PREFIX + "http/auth/aws/signer/AwsV4HttpSigner";

  private AwsCallScanner() {}

  /** Scans a classes directory or a jar (a Spring Boot fat jar's {@code BOOT-INF/classes} included). */
  static TreeSet<Call> scan(Path classesDirOrJar) {
    TreeSet<Call> calls = new TreeSet<>();
    try {
      if (Files.isDirectory(classesDirOrJar)) {
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classesDirOrJar)) {
          classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : classFiles) {
          try (InputStream in = Files.newInputStream(file)) {
            scanClass(in, calls);
          }
        }
      } else {
        try (JarFile jar = new JarFile(classesDirOrJar.toFile())) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.endsWith(".class")
                && !name.startsWith("BOOT-INF/lib/")
                && !name.startsWith("org/springframework/boot/loader/")) {
              try (InputStream in = jar.getInputStream(entry)) {
                scanClass(in, calls);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + classesDirOrJar, e);
    }
    return calls;
  }

  static TreeSet<Call> scan(Class<?> type) {
    TreeSet<Call> calls = new TreeSet<>();
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      scanClass(in, calls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return calls;
  }

  private static void scanClass(InputStream in, TreeSet<Call> calls) throws IOException {
    ClassReader reader = new ClassReader(in);
    String caller = reader.getClassName().replace('/', '.');
    reader.accept(
        new ClassVisitor(SpringAsmInfo.ASM_VERSION) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(SpringAsmInfo.ASM_VERSION) {
              @Override
              public void visitMethodInsn(
                  int opcode, String owner, String method, String desc, boolean isInterface) {
                record(owner, method);
              }

              @Override
              public void visitInvokeDynamicInsn(
                  String method, String desc, Handle bootstrap, Object... arguments) {
                // Method references (client::describeTable) reach the SDK through a handle
                // argument.
                for (Object argument : arguments) {
                  if (argument instanceof Handle handle) {
                    record(handle.getOwner(), handle.getName());
                  }
                }
              }

              private void record(String owner, String method) {
                if ((owner.startsWith(SDK_PREFIX) || owner.startsWith(PROJECT_PREFIX))
                    && !method.startsWith("<")) {
                  calls.add(new Call(owner, method, caller));
                }
              }
            };
          }
        },
        ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
  }

  /**
   * Classes that send SigV4-signed requests without an SDK client (for APIs whose SDK module is not
   * available), where the SDK scan cannot see the operation: a class that signs and is used by no
   * other class of the module, or the users of a class that signs (a signing transport).
   */
  static java.util.SortedSet<String> signedRequestSites(java.util.Collection<Call> calls) {
    java.util.Set<String> signers = new java.util.HashSet<>();
    for (Call c : calls) {
      if (c.owner().equals(SIGV4_SIGNER) && c.method().equals("sign")) {
        signers.add(outer(c.caller()));
      }
    }
    java.util.SortedSet<String> sites = new TreeSet<>();
    java.util.Set<String> transports = new java.util.HashSet<>();
    for (Call c : calls) {
      String callee = outer(c.owner().replace('/', '.'));
      String caller = outer(c.caller());
      if (signers.contains(callee) && !callee.equals(caller) && !c.method().equals("close")) {
        transports.add(callee);
        sites.add(caller);
      }
    }
    signers.stream().filter(s -> !transports.contains(s)).forEach(sites::add);
    sites.removeAll(transports);
    return sites;
  }

  /** The top-level class of a nested or anonymous one. */
  static String outer(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  /** Where a module's classes are on this test's classpath: {@code <module>/target/classes} or its plain jar. */
  static Path locateModule(String module) {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> seen = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      String file = path.getFileName() == null ? "" : path.getFileName().toString();
      boolean classesDir =
          Files.isDirectory(path) && path.endsWith(Path.of(module, "target", "classes"));
      boolean jar =
          file.startsWith(module + "-")
              && file.endsWith(".jar")
              && !file.endsWith("-exec.jar")
              && !file.endsWith("-tests.jar")
              && file.substring(module.length() + 1).matches("\\d.*");
      if (classesDir || jar) {
        return path;
      }
      seen.add(file);
    }
    throw new IllegalStateException(
        module
            + " is not on the test classpath of deploy-verification; "
            + "it must be a test-scoped dependency in deploy-verification/pom.xml (classpath: "
            + new TreeSet<>(seen)
            + ")");
  }
}
