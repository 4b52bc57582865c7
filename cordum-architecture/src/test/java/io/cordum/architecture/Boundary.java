package io.cordum.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.domain.ThrowsDeclaration;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The rules that hold Cordum's public/internal boundary. A package is internal when one of its
 * segments is {@code internal}; every other package of a library module is public API. Examples and
 * benchmarks are consumers, not API.
 */
final class Boundary {
  private Boundary() {}

  /** Modules that use Cordum but publish no API of their own. */
  static final String[] CONSUMERS = {"io.cordum.examples..", "io.cordum.bench.."};

  /** True for types in an internal package. */
  static boolean isInternal(JavaClass c) {
    String p = c.getPackageName();
    return p.endsWith(".internal") || p.contains(".internal.");
  }

  /** {@code io.cordum.<module>}, the module a Cordum class belongs to. */
  static String module(JavaClass c) {
    String[] parts = c.getPackageName().split("\\.");
    return parts.length < 3 ? c.getPackageName() : parts[0] + "." + parts[1] + "." + parts[2];
  }

  /** True for a class users can name: public, and nested only in such classes. */
  static boolean isExported(JavaClass c) {
    JavaClass k = c;
    while (true) {
      Set<JavaModifier> m = k.getModifiers();
      if (!m.contains(JavaModifier.PUBLIC)) {
        return false;
      }
      if (k.getEnclosingClass().isEmpty()) {
        return true;
      }
      k = k.getEnclosingClass().get();
    }
  }

  static final DescribedPredicate<JavaClass> EXPORTED_API_CLASS =
      DescribedPredicate.describe(
          "public classes of public API packages",
          c ->
              c.getPackageName().startsWith("io.cordum.")
                  && !isInternal(c)
                  && isExported(c)
                  && !isConsumer(c));

  static boolean isConsumer(JavaClass c) {
    return c.getPackageName().startsWith("io.cordum.examples")
        || c.getPackageName().startsWith("io.cordum.bench");
  }

  /**
   * A public or protected member of a public API class mentions, in its signature (types, type
   * arguments, bounds, throws), only types that users may name: no type of an internal package and
   * no Cordum type that is not public.
   */
  static ArchRule publicSignaturesUseOnlyPublicTypes() {
    return classes()
        .that(EXPORTED_API_CLASS)
        .should(
            mentionInSignatures(
                "only public, non-internal Cordum types",
                (owner, t) ->
                    !t.getPackageName().startsWith("io.cordum.")
                        || (!isInternal(t) && isExported(t))))
        .allowEmptyShould(true);
  }

  /**
   * Third-party types in public signatures pin users to those libraries' versions. Allowed: the
   * JDK, JSpecify, Guice in the Guice modules and the Guice route of the {@code Cordum} and {@code
   * Gateway} facades, Micrometer's registry there too, Jackson trees in the gateway's route package
   * (request bodies), Jackson mappers in {@code io.cordum.client.ClientJson} (the client's JSON
   * mapping, which cordumctl reuses to print records as the gateway writes them), Jedis in {@code
   * RedisConnections.client()} (hosts share the pool), JUnit, AssertJ and Awaitility in the
   * testkit.
   */
  static ArchRule publicSignaturesUseOnlyAllowedLibraries() {
    return classes()
        .that(EXPORTED_API_CLASS)
        .should(
            mentionInSignatures(
                "only JDK, JSpecify and Cordum types, or a library the"
                    + " class is meant to expose",
                Boundary::allowedLibraryType))
        .allowEmptyShould(true);
  }

  static boolean allowedLibraryType(JavaClass owner, JavaClass t) {
    String p = t.getPackageName();
    if (p.startsWith("java.")
        || p.startsWith("javax.")
        || p.startsWith("io.cordum.")
        || p.startsWith("org.jspecify.")
        || p.isEmpty()) {
      return true;
    }
    String o = owner.getName().replaceFirst("\\$.*", ""); // the top-level class
    boolean facade = o.equals("io.cordum.core.Cordum") || o.equals("io.cordum.gateway.Gateway");
    if (p.startsWith("com.google.inject") || p.startsWith("jakarta.inject")) {
      return o.endsWith("Module") || facade; // the Guice route
    }
    if (p.startsWith("io.micrometer.")) {
      return facade || o.endsWith("Module");
    }
    if (p.startsWith("tools.jackson.")) {
      return owner.getPackageName().equals("io.cordum.gateway.route") // JSON bodies of routes
          || o.equals("io.cordum.client.ClientJson"); // the client's mapping, for printing
    }
    if (p.startsWith("redis.clients.jedis")) {
      return o.equals("io.cordum.redis.RedisConnections"); // client(): the pool, for host commands
    }
    if (p.startsWith("org.junit.")
        || p.startsWith("org.assertj.")
        || p.startsWith("org.awaitility.")) {
      return owner.getPackageName().startsWith("io.cordum.testkit")
          || o.equals("io.cordum.test.CordumExtension"); // the host test kit's JUnit extension
    }
    return false;
  }

  /** The internals of a module are used by that module only. */
  static ArchRule internalsStayInTheirModule() {
    return classes()
        .should(
            new ArchCondition<JavaClass>("use internal packages of their own module only") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                if (c.getPackageName().startsWith("io.cordum.bench")) {
                  return; // benchmarks may measure internals directly
                }
                Set<String> seen = new LinkedHashSet<>();
                c.getDirectDependenciesFromSelf()
                    .forEach(
                        d -> {
                          JavaClass t = d.getTargetClass().getBaseComponentType();
                          if (t.getPackageName().startsWith("io.cordum.")
                              && isInternal(t)
                              && !module(t).equals(module(c))
                              && !sharedWithStores(t, c)
                              && seen.add(t.getName())) {
                            events.add(
                                SimpleConditionEvent.violated(
                                    c,
                                    c.getName()
                                        + " uses "
                                        + t.getName()
                                        + ", an internal class of "
                                        + module(t)));
                          }
                        });
              }
            })
        .allowEmptyShould(true);
  }

  /**
   * Internal packages shared across modules, and the modules that may use them: {@code
   * io.cordum.api.internal..} holds what Cordum's own backends share (microsecond time, the stores'
   * argument checks and listing cursor), {@code io.cordum.tls.internal..} the PEM and TLS code of
   * the NATS bus and the Redis stores. The engines, tools and users may use neither.
   */
  private static final Map<String, List<String>> SHARED_INTERNALS =
      Map.of(
          "io.cordum.api.internal",
          List.of("io.cordum.memory", "io.cordum.redis", "io.cordum.nats"),
          "io.cordum.tls.internal",
          List.of("io.cordum.redis", "io.cordum.nats"));

  private static boolean sharedWithStores(JavaClass target, JavaClass user) {
    String t = target.getPackageName();
    String u = user.getPackageName();
    return SHARED_INTERNALS.entrySet().stream()
        .anyMatch(
            e ->
                (t.equals(e.getKey()) || t.startsWith(e.getKey() + "."))
                    && e.getValue().stream().anyMatch(m -> u.equals(m) || u.startsWith(m + ".")));
  }

  /** {@code cordum-api} needs nothing but the JDK and JSpecify. */
  static ArchRule apiNeedsOnlyTheJdk() {
    return noClasses()
        .that()
        .resideInAPackage("io.cordum.api..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "javax..", "org.jspecify..", "io.cordum.api..", "")
        .allowEmptyShould(true);
  }

  /**
   * {@code cordum-tls} needs nothing but the JDK, JSpecify and {@code cordum-api}: the NATS bus and
   * the Redis stores take it without another library.
   */
  static ArchRule tlsNeedsOnlyTheJdkAndTheApi() {
    return noClasses()
        .that()
        .resideInAPackage("io.cordum.tls..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "java..", "javax..", "org.jspecify..", "io.cordum.api..", "io.cordum.tls..", "")
        .allowEmptyShould(true);
  }

  /** Backends and the worker build on the API only, never on the engines. */
  static ArchRule backendsDoNotNeedTheEngines() {
    return noClasses()
        .that()
        .resideInAnyPackage(
            "io.cordum.memory..",
            "io.cordum.redis..",
            "io.cordum.nats..",
            "io.cordum.worker..",
            "io.cordum.testkit..",
            "io.cordum.tls..",
            "io.cordum.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.cordum.core..")
        .allowEmptyShould(true);
  }

  private static ArchCondition<JavaClass> mentionInSignatures(
      String what, BiPredicate<JavaClass, JavaClass> allowed) {
    return new ArchCondition<>("mention in public signatures " + what) {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        c.getSuperclass().ifPresent(s -> report(c, c, "extends", s, events));
        c.getInterfaces().forEach(i -> report(c, c, "implements", i, events));
        c.getTypeParameters().forEach(p -> bounds(c, c, p, events));
        for (JavaMember m : c.getMembers()) {
          if (!visible(c, m)) {
            continue;
          }
          if (m instanceof JavaField f) {
            report(c, f, "type", f.getType(), events);
          } else if (m instanceof JavaCodeUnit u) {
            report(c, u, "returns", u.getReturnType(), events);
            for (JavaType p : u.getParameterTypes()) {
              report(c, u, "takes", p, events);
            }
            for (ThrowsDeclaration<?> t : u.getThrowsClause()) {
              report(c, u, "throws", t.getRawType(), events);
            }
            u.getTypeParameters().forEach(p -> bounds(c, u, p, events));
          }
        }
      }

      private void bounds(
          JavaClass c, Object where, JavaTypeVariable<?> p, ConditionEvents events) {
        for (JavaType b : p.getUpperBounds()) {
          report(c, where, "bounds " + p.getName() + " by", b, events);
        }
      }

      private void report(
          JavaClass c, Object where, String how, JavaType type, ConditionEvents events) {
        for (JavaClass t : type.getAllInvolvedRawTypes()) {
          JavaClass base = t.getBaseComponentType();
          if (base.isPrimitive() || allowed.test(c, base)) {
            continue;
          }
          events.add(
              SimpleConditionEvent.violated(c, describe(where) + " " + how + " " + base.getName()));
        }
      }
    };
  }

  private static boolean visible(JavaClass owner, JavaMember m) {
    Set<JavaModifier> mods = m.getModifiers();
    if (mods.contains(JavaModifier.SYNTHETIC) || mods.contains(JavaModifier.BRIDGE)) {
      return false;
    }
    if (mods.contains(JavaModifier.PUBLIC)) {
      return true;
    }
    // protected members count where a user can subclass
    return mods.contains(JavaModifier.PROTECTED)
        && !owner.getModifiers().contains(JavaModifier.FINAL)
        && !owner.isEnum()
        && !owner.isRecord();
  }

  private static String describe(Object where) {
    if (where instanceof JavaMember m) {
      return m.getFullName();
    }
    return ((JavaClass) where).getName();
  }

  /**
   * Guice is an optional dependency of the backends: only their Guice modules (and what only a
   * Guice-assembled control plane loads) may use it, so a worker process that takes {@code
   * RedisPointerStore} or {@code NatsBus} needs no Guice on its class path. A class outside the
   * modules may not use a module class either: loading a {@code *Module} loads Guice.
   */
  static ArchRule guiceStaysInTheModules() {
    return guiceStaysInTheModules(
        "io.cordum.redis..",
        "io.cordum.nats..",
        "io.cordum.memory..",
        "io.cordum.worker..",
        "io.cordum.tls..",
        "io.cordum.api..");
  }

  /** {@link #guiceStaysInTheModules()} over the given packages. */
  static ArchRule guiceStaysInTheModules(String... packages) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages)
        .and(DescribedPredicate.not(partOfAGuiceModule()))
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are Guice's or part of a Guice module",
                t ->
                    t.getPackageName().startsWith("com.google.inject")
                        || t.getPackageName().startsWith("jakarta.inject")
                        || (t.getPackageName().startsWith("io.cordum.")
                            && partOfAGuiceModule().test(t))))
        .allowEmptyShould(true);
  }

  /** A class named {@code *Module}, or one nested in it (its providers). */
  private static DescribedPredicate<JavaClass> partOfAGuiceModule() {
    return DescribedPredicate.describe(
        "part of a Guice module",
        c -> {
          JavaClass top = c;
          while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
          }
          return top.getSimpleName().endsWith("Module");
        });
  }

  /** Every rule {@link BoundaryTest} checks, in its order. */
  static List<ArchRule> all() {
    return List.of(
        publicSignaturesUseOnlyPublicTypes(),
        publicSignaturesUseOnlyAllowedLibraries(),
        internalsStayInTheirModule(),
        apiNeedsOnlyTheJdk(),
        tlsNeedsOnlyTheJdkAndTheApi(),
        guiceStaysInTheModules(),
        backendsDoNotNeedTheEngines());
  }
}
