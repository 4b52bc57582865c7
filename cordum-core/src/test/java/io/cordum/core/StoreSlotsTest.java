package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store list drives the defaults, the builder, health and close(). */
class StoreSlotsTest {

  @Test
  void everySlotHasABuilderSetterAndAnInMemoryDefault() {
    try (Cordum cordum = Cordum.builder().build()) {
      for (StoreSlots.Slot<?> slot : StoreSlots.ALL) {
        assertThat(setter(slot.type())).as("Cordum.Builder setter for %s", slot.type()).isNotNull();
        assertThat(cordum.instance(slot.type()))
            .as("default of %s", slot.type())
            .isInstanceOf(slot.type())
            .isSameAs(cordum.instance(slot.type()))
            .extracting(o -> o.getClass().getPackageName())
            .isEqualTo("io.cordum.memory");
      }
    }
  }

  @Test
  void theSlotsAreDistinct() {
    List<Class<?>> types = StoreSlots.ALL.stream().<Class<?>>map(StoreSlots.Slot::type).toList();
    assertThat(types).doesNotHaveDuplicates();
  }

  @Test
  void aHostInstanceIsBoundForEverySlotAndNotClosed() throws Exception {
    try (Cordum defaults = Cordum.builder().build()) {
      for (StoreSlots.Slot<?> slot : StoreSlots.ALL) {
        AtomicInteger closes = new AtomicInteger();
        Object real = defaults.instance(slot.type());
        Object host = closeable(slot.type(), real, closes);
        Cordum.Builder builder = Cordum.builder();
        setter(slot.type()).invoke(builder, host);
        Cordum cordum = builder.build();
        assertThat(cordum.instance(slot.type())).as("%s", slot.type()).isSameAs(host);
        cordum.close();
        assertThat(closes).as("host-owned %s closed", slot.type()).hasValue(0);
      }
    }
  }

  private static Method setter(Class<?> type) {
    return Arrays.stream(Cordum.Builder.class.getMethods())
        .filter(
            m ->
                Modifier.isPublic(m.getModifiers())
                    && m.getParameterCount() == 1
                    && m.getParameterTypes()[0] == type
                    && m.getReturnType() == Cordum.Builder.class)
        .findFirst()
        .orElse(null);
  }

  /** The real instance behind a proxy that is also AutoCloseable and counts its closes. */
  private static Object closeable(Class<?> type, Object real, AtomicInteger closes) {
    return Proxy.newProxyInstance(
        StoreSlotsTest.class.getClassLoader(),
        new Class<?>[] {type, AutoCloseable.class},
        (p, m, args) -> {
          if (m.getName().equals("close") && m.getParameterCount() == 0) {
            closes.incrementAndGet();
            return null;
          }
          try {
            return m.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
