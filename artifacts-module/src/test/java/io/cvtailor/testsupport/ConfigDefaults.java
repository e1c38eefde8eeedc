package io.cvtailor.testsupport;

import java.lang.reflect.Field;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * For a bean built by hand in a module-level test (no CDI container, no MicroProfile Config): sets
 * each {@code @ConfigProperty} field to its declared default, so the test runs the application's
 * default settings and follows them when they change; {@code overrides} set some by property name.
 */
public final class ConfigDefaults {
  private ConfigDefaults() {}

  public static <T> T apply(T bean) {
    return apply(bean, Map.of());
  }

  public static <T> T apply(T bean, Map<String, String> overrides) {
    for (Class<?> type = bean.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        ConfigProperty property = field.getAnnotation(ConfigProperty.class);
        if (property == null) {
          continue;
        }
        String value = overrides.getOrDefault(property.name(), property.defaultValue());
        if (ConfigProperty.UNCONFIGURED_VALUE.equals(value)) {
          continue;
        }
        field.setAccessible(true);
        try {
          field.set(bean, convert(value, field.getType(), property.name()));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return bean;
  }

  private static Object convert(String value, Class<?> type, String name) {
    if (type == String.class) {
      return value;
    } else if (type == int.class || type == Integer.class) {
      return Integer.parseInt(value);
    } else if (type == long.class || type == Long.class) {
      return Long.parseLong(value);
    } else if (type == double.class || type == Double.class) {
      return Double.parseDouble(value);
    } else if (type == boolean.class || type == Boolean.class) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(name + ": no conversion to " + type.getName() + " here");
  }
}
