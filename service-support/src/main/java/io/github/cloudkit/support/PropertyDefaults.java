package io.github.cloudkit.support;

import java.beans.PropertyDescriptor;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * Puts a {@code @ConfigurationProperties} bean back to its defaults. On a refresh Spring Cloud binds the same
 * instance again, which sets only the properties still configured: a setting removed from the config repo would
 * keep its old value instead of taking its default. A kit properties bean calls {@link #restore} from
 * {@code DisposableBean.destroy()}, which Spring Cloud's rebinder calls just before it binds.
 */
public final class PropertyDefaults {

	private PropertyDefaults() {
	}

	/**
	 * Copies every property of a new instance (no-argument constructor) onto {@code bean}; a nested group with a
	 * getter only (a nested class of the bean's own class) is restored the same way, in place.
	 */
	public static void restore(Object bean) {
		copy(BeanUtils.instantiateClass(bean.getClass()), bean);
	}

	private static void copy(Object defaults, Object target) {
		BeanWrapper from = PropertyAccessorFactory.forBeanPropertyAccess(defaults);
		BeanWrapper to = PropertyAccessorFactory.forBeanPropertyAccess(target);
		for (PropertyDescriptor property : from.getPropertyDescriptors()) {
			String name = property.getName();
			if (!from.isReadableProperty(name) || "class".equals(name)) {
				continue;
			}
			if (to.isWritableProperty(name)) {
				to.setPropertyValue(name, from.getPropertyValue(name));
			}
			else if (property.getPropertyType().getDeclaringClass() == target.getClass()) {
				copy(from.getPropertyValue(name), to.getPropertyValue(name));
			}
		}
	}

}
